/* Lists that depend on today, corrected to the reader's clock.

   The build never reads the clock: it writes every item from the build's date on, with ISO
   dates in data attributes, and says which date that is ("Listen er fra …"). This script
   (loaded with defer, no framework, nothing inline, so a strict Content-Security-Policy
   allows it) then uses the reader's own date:
     data-sspgen-indtil="YYYY-MM-DD"      hidden once that day is past
     data-sspgen-dag="YYYY-MM-DD"         gets "(i dag)" or "(i morgen)" added
     data-sspgen-overskredet="YYYY-MM-DD" a "(overskredet)" note, shown once the day is past
     data-sspgen-liste                    a list: its [data-sspgen-tom] note is shown (and
                                          its [data-sspgen-indhold] hidden) when no item is left
     data-sspgen-listedato                the note on the list's date, rewritten
   Without JavaScript the page shows what the build wrote. */
(function () {
  "use strict";
  var MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
    "september", "oktober", "november", "december"];

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }
  function iso(day) {
    return day.getFullYear() + "-" + pad(day.getMonth() + 1) + "-" + pad(day.getDate());
  }
  function danish(day) {
    return day.getDate() + ". " + MONTHS[day.getMonth()] + " " + day.getFullYear();
  }
  function each(selector, action) {
    var found = document.querySelectorAll(selector);
    for (var i = 0; i < found.length; i++) {
      action(found[i]);
    }
  }

  var now = new Date();
  var today = iso(now);
  var tomorrow = iso(new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1));

  each("[data-sspgen-indtil]", function (item) {
    if (item.getAttribute("data-sspgen-indtil") < today) {
      item.hidden = true;
    }
  });

  each("[data-sspgen-dag]", function (cell) {
    var day = cell.getAttribute("data-sspgen-dag");
    var label = day === today ? "i dag" : day === tomorrow ? "i morgen" : "";
    if (!label) {
      return;
    }
    var mark = document.createElement("strong");
    mark.className = "sspgen-naar";
    mark.textContent = " (" + label + ")";
    cell.appendChild(mark);
  });

  each("[data-sspgen-overskredet]", function (note) {
    note.hidden = !(note.getAttribute("data-sspgen-overskredet") < today);
  });

  each("[data-sspgen-liste]", function (list) {
    var items = list.querySelectorAll("[data-sspgen-indtil]");
    var left = 0;
    for (var i = 0; i < items.length; i++) {
      if (!items[i].hidden) {
        left++;
      }
    }
    var empty = list.querySelector("[data-sspgen-tom]");
    var content = list.querySelector("[data-sspgen-indhold]");
    if (empty) {
      empty.hidden = left > 0;
    }
    if (content) {
      content.hidden = left === 0;
    }
  });

  each("[data-sspgen-listedato]", function (note) {
    var built = note.getAttribute("data-sspgen-listedato");
    if (built < today) {  // a reader's clock behind the build cannot bring back what was left out
      note.textContent = "Listen er fra " + note.getAttribute("data-sspgen-listedato-tekst") +
        " og viser nu møderne fra i dag, " + danish(now) + ".";
    }
  });
}());
