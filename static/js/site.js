// Progressive enhancement hook: styles may assume JavaScript once this class is set.
document.documentElement.classList.add("js");
