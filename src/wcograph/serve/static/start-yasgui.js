// Opens YASGUI on this server's endpoint with one tab per question of the query library.
// Nothing is persisted and no completion service outside this server is asked.
(function () {
  const tabs = JSON.parse(document.getElementById("tabs").textContent);
  const endpoint = new URL("/sparql", window.location.href).href;
  Yasgui.Yasqe.defaults.autocompleters = [];
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    autoAddOnInit: false,
    populateFromUrl: false,
    endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }] },
    yasqe: { autocompleters: [] },
  });
  tabs.forEach((tab, i) => {
    const defaults = Yasgui.Tab.getDefaults(); // a fresh tab id each time
    yasgui.addTab(i === 0, {
      ...defaults,
      name: tab.name,
      requestConfig: { ...defaults.requestConfig, endpoint: endpoint, method: "POST" },
      yasqe: { value: tab.query },
    });
  });
  window.yasgui = yasgui;
  document.body.dataset.ready = "true";
})();
