// The trend overview's sort buttons (layouts/tendensoversigt.html). The page lists the trends
// most recently discussed first; these buttons re-order the cards by name or by number of
// meetings, and back. Without the script the page is complete, only in its one order.
(function () {
  "use strict";
  var list = document.querySelector("[data-tendensoversigt]");
  if (!list) {
    return;
  }
  var cards = Array.prototype.slice.call(list.querySelectorAll(".sspgen-tendens"));
  if (cards.length < 2) {
    return;
  }
  var collator = new Intl.Collator("da");
  var orders = [
    ["seneste", "Senest drøftet", function (a, b) { return b.dataset.seneste.localeCompare(a.dataset.seneste); }],
    ["navn", "Navn", function (a, b) { return collator.compare(a.dataset.navn, b.dataset.navn); }],
    ["antal", "Flest møder", function (a, b) { return Number(b.dataset.antal) - Number(a.dataset.antal); }]
  ];
  var group = document.createElement("div");
  group.className = "sspgen-tendenssortering";
  group.setAttribute("role", "group");
  group.setAttribute("aria-labelledby", "tendenssortering-tekst");
  var label = document.createElement("p");
  label.id = "tendenssortering-tekst";
  label.textContent = "Sortér tendenserne efter:";
  group.appendChild(label);
  var buttons = orders.map(function (order, index) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button-secondary";
    button.textContent = order[1];
    button.setAttribute("aria-pressed", index === 0 ? "true" : "false");
    button.addEventListener("click", function () { sort(index); });
    group.appendChild(button);
    return button;
  });
  list.parentNode.insertBefore(group, list);

  function sort(index) {
    var compare = orders[index][2];
    // A stable sort on the page's own order (by recency) keeps ties as the page had them.
    var sorted = cards.slice().sort(function (a, b) {
      return compare(a, b) || cards.indexOf(a) - cards.indexOf(b);
    });
    sorted.forEach(function (card) { list.appendChild(card); });
    buttons.forEach(function (button, i) { button.setAttribute("aria-pressed", i === index ? "true" : "false"); });
  }
})();
