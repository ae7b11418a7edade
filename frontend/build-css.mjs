// Builds static/css/nlds.css: the NL Design System theme tokens and component CSS
// (@utrecht/design-tokens, @utrecht/component-library-css from the npm registry),
// reduced to what the site uses. PurgeCSS keeps the selectors whose class names
// occur in the templates, the Python code (form widgets, template tags) and the
// JavaScript; design tokens that only the theme sets become their values, the
// others stay custom properties. The output is minified and committed, so `make run`
// serves it from a fresh clone; `make css` rebuilds it after a template starts using
// a new component (tests/leerwerkplaats/test_page_weight.py fails until then).
//
//   node frontend/build-css.mjs [OUTPUT]   writes static/css/nlds.css (or OUTPUT)
import { readFileSync, writeFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import postcss from "postcss";
import { PurgeCSS } from "purgecss";

const root = new URL("..", import.meta.url).pathname;
const tokens = join(root, "node_modules/@utrecht/design-tokens/dist/theme.css");
const components = join(root, "node_modules/@utrecht/component-library-css/dist/index.css");
const output = process.argv[2] || join(root, "static/css/nlds.css");

const SKIP = new Set(["node_modules", ".venv", ".git", ".cache", "staticfiles", "media", "tests", "bench", "docs", "locale"]);
function walk(dir, found = []) {
  for (const name of readdirSync(dir).sort()) {
    if (SKIP.has(name) || name.startsWith(".")) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, found);
    else if (/\.(html|py|js)$/.test(name) && !relative(root, path).startsWith("frontend")) found.push(path);
  }
  return found;
}
const content = walk(root);
const siteCss = readdirSync(join(root, "static/css"))
  .filter((name) => name.endsWith(".css") && name !== "nlds.css")
  .map((name) => join(root, "static/css", name));

// Class names that templates put together from a prefix and a value
// ("utrecht-alert--{{ value.kind }}"), with every value they can take.
const composed = [
  ...["info", "ok", "warning", "error"].map((kind) => `utrecht-alert--${kind}`),
  ...["checkbox", "radio", "text", "invalid"].map((kind) => `utrecht-form-field--${kind}`),
  "utrecht-checkbox", "utrecht-checkbox--html-input",
  "utrecht-radio-button", "utrecht-radio-button--html-input",
];
const extract = (text) => text.match(/[A-Za-z0-9_-]+/g) || [];
const used = new Set(composed);
for (const path of content) for (const word of extract(readFileSync(path, "utf8"))) used.add(word);

// PurgeCSS keeps ".utrecht-rich-text .utrecht-heading-2:has(+ .utrecht-accordion)"
// because it does not look inside :has(): drop every selector that names a class
// the site never writes, wherever it stands. The site's .utrecht-rich-text holds
// Wagtail rich text only (plain elements, no classes; every template puts one
// rich text value in it), so rules for components inside it never match either.
function withoutUnusedClasses(css) {
  const tree = postcss.parse(css);
  tree.walkRules((rule) => {
    const kept = rule.selectors.filter(
      (selector) =>
        !/\.utrecht-rich-text\s.*\.utrecht-/.test(selector) &&
        [...selector.matchAll(/\.(utrecht-[A-Za-z0-9_-]+)/g)].every(([, name]) => used.has(name)),
    );
    if (kept.length === 0) rule.remove();
    else if (kept.length !== rule.selectors.length) rule.selectors = kept;
  });
  return tree.toString();
}

const purger = new PurgeCSS();
const [purged] = await purger.purge({
  content,
  css: [{ raw: withoutUnusedClasses(readFileSync(components, "utf8")), name: "components" }],
  defaultExtractor: extract,
  safelist: { standard: composed },
  keyframes: true,
  fontFace: true,
});
const componentTree = postcss.parse(purged.css);
const reads = (text) => [...text.matchAll(/var\(\s*(--[A-Za-z0-9_-]+)/g)].map(([, name]) => name);
const siteReads = [
  ...siteCss.flatMap((path) => reads(readFileSync(path, "utf8"))),
  ...content.flatMap((path) => reads(readFileSync(path, "utf8"))),
];

// Custom properties that a kept rule sets for another component ("--utrecht-
// heading-color" inside an alert) or for its own modifiers: dropped when nothing
// reads them any more.
for (;;) {
  const read = new Set([...reads(componentTree.toString()), ...siteReads]);
  let removed = 0;
  componentTree.walkDecls(/^--/, (decl) => {
    if (!read.has(decl.prop)) {
      decl.remove();
      removed += 1;
    }
  });
  if (removed === 0) break;
}
componentTree.walkRules((rule) => {
  if (rule.nodes.length === 0) rule.remove();
});

// The theme: a token that nothing but the theme sets has one value on every
// element (.utrecht-theme is the <html> element), so its var() is replaced by
// that value, and a var() of a token that nothing sets by its fallback. Tokens
// that a component, the site's CSS, a template or a script sets as well stay
// custom properties; the theme keeps those that are still read.
const themeTree = postcss.parse(readFileSync(tokens, "utf8"));
const definitions = new Map();
themeTree.walkDecls(/^--/, (decl) => definitions.set(decl.prop, decl.value));
const declaredElsewhere = new Set();
componentTree.walkDecls(/^--/, (decl) => declaredElsewhere.add(decl.prop));
for (const path of [...siteCss, ...content]) {
  for (const [, name] of readFileSync(path, "utf8").matchAll(/(--utrecht-[A-Za-z0-9_-]+)\s*:/g)) {
    declaredElsewhere.add(name);
  }
}
function resolve(value) {
  let out = "";
  let index = 0;
  for (;;) {
    const start = value.indexOf("var(", index);
    if (start === -1) return out + value.slice(index);
    out += value.slice(index, start);
    let depth = 0;
    let comma = -1;
    let end = start + 3;
    for (; end < value.length; end += 1) {
      const char = value[end];
      if (char === "(") depth += 1;
      else if (char === ")" && --depth === 0) break;
      else if (char === "," && depth === 1 && comma === -1) comma = end;
    }
    const name = value.slice(start + 4, comma === -1 ? end : comma).trim();
    const fallback = comma === -1 ? null : value.slice(comma + 1, end).trim();
    if (name.startsWith("--utrecht-") && !declaredElsewhere.has(name) && definitions.has(name)) {
      out += resolve(definitions.get(name));
    } else if (name.startsWith("--utrecht-") && !declaredElsewhere.has(name) && fallback !== null) {
      out += resolve(fallback);
    } else {
      out += `var(${name}${fallback === null ? "" : `, ${resolve(fallback)}`})`;
    }
    index = end + 1;
  }
}
componentTree.walkDecls((decl) => {
  decl.value = resolve(decl.value);
});
themeTree.walkDecls(/^--/, (decl) => {
  decl.value = resolve(decl.value);
});
const wanted = [...reads(componentTree.toString()), ...siteReads];
const keep = new Set();
while (wanted.length) {
  const name = wanted.pop();
  if (keep.has(name) || !definitions.has(name)) continue;
  keep.add(name);
  wanted.push(...reads(definitions.get(name)));
}
themeTree.walkDecls(/^--/, (decl) => {
  if (!keep.has(decl.prop)) decl.remove();
});

// Minified: no comments, no white space that CSS does not need.
function minified(tree) {
  tree.walkComments((comment) => comment.remove());
  tree.walkAtRules("charset", (rule) => rule.remove());
  tree.walk((node) => {
    if ((node.type === "rule" || node.type === "atrule") && node.nodes && node.nodes.length === 0) node.remove();
  });
  tree.walk((node) => {
    node.raws.before = "";
    node.raws.after = "";
    if (node.type === "decl") {
      node.raws.between = ":";
      node.value = node.value.replace(/\s+/g, " ").trim();
    }
    if (node.type === "rule") {
      node.raws.between = "";
      node.raws.semicolon = false;
      node.selector = node.selectors.map((selector) => selector.replace(/\s+/g, " ").trim()).join(",");
    }
    if (node.type === "atrule") {
      node.raws.between = "";
      node.raws.afterName = " ";
      node.raws.semicolon = false;
    }
  });
  return tree.toString();
}

const header =
  "/* Generated by frontend/build-css.mjs from @utrecht/design-tokens and " +
  "@utrecht/component-library-css (EUPL-1.2): only what the site uses. Do not edit. */\n";
// The components' private custom properties ("--_utrecht-button-hover-background-
// color", set by a modifier and read by the block) get short names: nothing
// outside this file may use them.
for (const path of [...siteCss, ...content]) {
  if (readFileSync(path, "utf8").includes("--_utrecht-")) {
    throw new Error(`${relative(root, path)} uses a private --_utrecht- property`);
  }
}
const shortNames = new Map();
const shorten = (css) =>
  css.replace(/--_utrecht-[A-Za-z0-9_-]+/g, (name) => {
    if (!shortNames.has(name)) shortNames.set(name, `--_${shortNames.size.toString(36)}`);
    return shortNames.get(name);
  });
const css = header + shorten(minified(themeTree) + "\n" + minified(componentTree)) + "\n";
writeFileSync(output, css);
const kb = (bytes) => (bytes / 1024).toFixed(1);
console.log(
  `static/css/nlds.css: ${kb(css.length)} KB, ${keep.size} of ${definitions.size} tokens ` +
    `(from ${kb(readFileSync(tokens).length + readFileSync(components).length)} KB)`,
);
