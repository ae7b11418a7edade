// The one live-socket client the site's live scripts share (forum.js,
// intervisie.js, notifications.js; protocol: docs/live.md). Loaded before them
// (deferred, in the page head) and used as window.hgLive.connect(options):
//
// - connects to options.path on the page's own host, reconnects after a close
//   with a growing delay (1 s doubling to 30 s, plus jitter; at least 10 s after
//   4429) and never after 4401 (logged out) or 4403 (no longer allowed);
// - sends {"type": "resume", "after": N} on every (re)connect and when the server
//   sends {"type": "resync"} (its channel layer was away and may have lost events);
// - with a sequence (options.lastSeq a number): applies frames strictly in order
//   through options.apply(frame): a duplicate (seq <= lastSeq) is dropped, a gap
//   keeps the early frame aside (at most 200) and asks for a resume once per
//   lastSeq and newest frame seen; options.onSeq(lastSeq) follows every step forward;
// - without a sequence (options.lastSeq null): every (re)connect and every resync
//   send resume with after 0, which the server answers with the current state;
//   every frame but resync goes to options.apply;
// - frames without a seq (typing, error, ...) go to options.other(frame) when
//   given; options.resynced() is called after a resync was asked for.
//
// connect() returns { send(message) -> bool, connected() -> bool, advanceTo(seq) }.
(function () {
  "use strict";

  if (window.hgLive) {
    return;
  }

  var FIRST_DELAY = 1000;
  var MAX_DELAY = 30000;
  var RATE_LIMITED_DELAY = 10000;
  var MAX_WAITING = 200;

  function connect(options) {
    var sequenced = typeof options.lastSeq === "number";
    var lastSeq = sequenced ? options.lastSeq : 0;
    var apply = options.apply || function () {};
    var other = options.other || function () {};
    var socket = null;
    var delay = FIRST_DELAY;
    var stopped = false;
    var resumeAskedAt = -1;
    // The highest seq any frame carried when that resume was asked: a gap shown by a
    // later frame asks again, even at the same lastSeq (the first answer may have
    // come before that frame's event was committed).
    var highestSeen = 0;
    var askedUpTo = -1;
    // Frames that arrived ahead of a gap, by seq, until the gap is filled.
    var waiting = {};

    function isOpen() {
      return socket !== null && socket.readyState === WebSocket.OPEN;
    }

    function send(message) {
      if (!isOpen()) {
        return false;
      }
      socket.send(JSON.stringify(message));
      return true;
    }

    function resume() {
      if (!sequenced) {
        send({ type: "resume", after: 0 });
      } else if (isOpen() && (resumeAskedAt !== lastSeq || highestSeen > askedUpTo)) {
        resumeAskedAt = lastSeq;
        askedUpTo = highestSeen;
        send({ type: "resume", after: lastSeq });
      }
    }

    function forgetApplied() {
      Object.keys(waiting).forEach(function (seq) {
        if (parseInt(seq, 10) <= lastSeq) {
          delete waiting[seq];
        }
      });
    }

    function inSequence(frame) {
      highestSeen = Math.max(highestSeen, frame.seq);
      if (frame.seq <= lastSeq) {
        return; // a duplicate
      }
      if (frame.seq > lastSeq + 1) {
        // A gap: keep the frame (live events may arrive out of order, e.g. two
        // events committed at once) and ask the database for what is missing.
        if (Object.keys(waiting).length < MAX_WAITING) {
          waiting[frame.seq] = frame;
        }
        resume();
        return;
      }
      apply(frame);
      lastSeq = frame.seq;
      drain();
    }

    // Frames that were waiting for the one just applied follow now, in order.
    function drain() {
      while (waiting[lastSeq + 1]) {
        var next = waiting[lastSeq + 1];
        delete waiting[lastSeq + 1];
        apply(next);
        lastSeq = next.seq;
      }
      forgetApplied();
      if (options.onSeq) {
        options.onSeq(lastSeq);
      }
    }

    function onMessage(event) {
      var frame;
      try {
        frame = JSON.parse(event.data);
      } catch (error) {
        return;
      }
      if (!frame || typeof frame !== "object") {
        return;
      }
      if (frame.type === "resync") {
        // The server's channel layer came back from an outage: ask for what it lost.
        resumeAskedAt = -1;
        resume();
        if (options.resynced) {
          options.resynced();
        }
        return;
      }
      if (!sequenced) {
        apply(frame);
      } else if (typeof frame.seq === "number") {
        inSequence(frame);
      } else {
        other(frame); // typing, an error frame, ...: nothing in the sequence
      }
    }

    function open() {
      var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
      socket = new WebSocket(scheme + window.location.host + options.path);
      socket.addEventListener("open", function () {
        delay = FIRST_DELAY;
        resumeAskedAt = -1;
        resume();
      });
      socket.addEventListener("message", onMessage);
      socket.addEventListener("close", function (event) {
        socket = null;
        // 4401: logged out; 4403: no longer allowed. Reconnecting would not help.
        if (stopped || event.code === 4401 || event.code === 4403) {
          return;
        }
        var wait = delay + Math.floor(Math.random() * 500);
        delay = Math.min(delay * 2, MAX_DELAY);
        window.setTimeout(open, event.code === 4429 ? Math.max(wait, RATE_LIMITED_DELAY) : wait);
      });
    }

    if (options.stopOnPagehide !== false) {
      window.addEventListener("pagehide", function () {
        stopped = true;
        if (socket) {
          socket.close();
        }
      });
    }

    open();

    return {
      send: send,
      // A socket exists (open or opening): false between a close and the reconnect.
      connected: function () {
        return socket !== null;
      },
      // The page learnt of events up to `seq` another way (it fetched them).
      advanceTo: function (seq) {
        if (sequenced && seq > lastSeq) {
          lastSeq = seq;
          drain();
        }
        return lastSeq;
      },
    };
  }

  window.hgLive = { connect: connect };
})();
