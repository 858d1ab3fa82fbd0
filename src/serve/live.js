// terbit serve: reloads this page when the site is rebuilt, swaps stylesheets
// when only CSS changed, and shows build errors. Injected only by the dev server.
(() => {
  const overlay = (message) => {
    let box = document.getElementById("terbit-error");
    if (!message) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("div");
      box.id = "terbit-error";
      box.setAttribute("role", "alert");
      document.body.appendChild(box);
    }
    box.innerHTML = "<strong>terbit: the last change did not build; the site shows the last good version.</strong><pre></pre>";
    box.querySelector("pre").textContent = message;
  };
  const events = new EventSource("/__terbit/events");
  // The data is "*" (everything changed) or the list of changed URL paths.
  events.addEventListener("reload", (e) => {
    const changed = JSON.parse(e.data);
    const here = document.getElementById("terbit-error") !== null;
    if (changed === "*" || here || changed.includes(location.pathname)) location.reload();
  });
  events.addEventListener("css", () => {
    overlay(null);
    for (const link of document.querySelectorAll("link[rel=stylesheet]")) {
      const url = new URL(link.href);
      url.searchParams.set("v", Date.now());
      link.href = url.toString();
    }
  });
  events.addEventListener("builderror", (e) => overlay(JSON.parse(e.data)));
})();
