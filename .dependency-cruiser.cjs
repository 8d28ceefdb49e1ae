/**
 * WARD FLUX dependency rules, checked in CI by `npm run lint` (depcruise). Production code only:
 * tests (*.test.ts, test/, e2e/, bench/) and the test doubles under main/<area>/testing/ may reach
 * across layers.
 *
 * The runtime layering (also in eslint.config.js, which reports it in the editor):
 *   electron/ -> main/ (engine) <- preload/ (main/api/ only) ; renderer/ -> main/ types only.
 *
 * The order inside main/, bottom to top (a module may import its own layer and the ones below):
 *   1. foundation: main/net/, main/api/ (the contract), main/lib/, main/errors.ts, main/version.ts
 *   2. infrastructure: main/store/, main/secrets/, main/snmp/, main/icmp/, main/outbox/
 *   3. areas: devices, metrics, templates, monitoring, discovery, l2, topology, alerts, notifications, reports,
 *      sync, zabbix, central, self-metrics. Of these, devices, metrics and notifications import no other area
 *      (base), and zabbix, sync, central and self-metrics are imported by no other area (leaves).
 *   4. top: main/host/, main/cli/, main/handlers.ts, main/engine.ts (composes everything)
 * Inside the foundation: main/net/ imports nothing of main/; main/api/ (but dispatcher.ts, the
 * engine's side of the transports) only main/net/'s pure modules; main/lib/ only api and net.
 */
const TESTS = '(^|/)(test|e2e|bench)/|\\.test\\.tsx?$|/testing/';
const FOUNDATION = '^main/(net|api|lib)/|^main/(errors|version)\\.ts$';
const INFRA = '^main/(store|secrets|snmp|icmp|outbox)/';
const AREAS = '^main/(devices|metrics|templates|monitoring|discovery|l2|topology|alerts|notifications|reports|sync|zabbix|central|self-metrics)/';
const TOP = '^main/(host|cli)/|^main/(handlers|engine)\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles (type-only imports count: they are cycles of meaning).',
      from: { pathNot: TESTS },
      to: { circular: true },
    },
    // --- the runtime layering ---
    {
      name: 'electron-only-in-shells',
      severity: 'error',
      comment: 'Only electron/ and preload/ may import electron; the engine and the renderer run without it.',
      from: { pathNot: '^(electron|preload)/' },
      to: { path: '^electron$|(^|/)node_modules/electron/' },
    },
    {
      name: 'main-not-shells',
      severity: 'error',
      comment: 'main/ must not depend on the shells or the UI.',
      from: { path: '^main/' },
      to: { path: '^(electron|preload|renderer)/' },
    },
    {
      name: 'renderer-types-only-from-main',
      severity: 'error',
      comment: 'renderer/ is untrusted web code: only types from main/ (the contract), never runtime code.',
      from: { path: '^renderer/' },
      to: { path: '^main/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'renderer-no-node',
      severity: 'error',
      comment: 'renderer/ runs in a browser sandbox: no Node modules.',
      from: { path: '^renderer/', pathNot: TESTS },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'preload-only-contract',
      severity: 'error',
      comment: 'preload/ may import only main/api/ (the contract) from main/.',
      from: { path: '^preload/' },
      to: { path: '^main/', pathNot: '^main/api/' },
    },
    {
      name: 'contract-is-pure',
      severity: 'error',
      comment: 'main/api/ is bundled into the sandboxed preload: zod, itself and the pure modules of main/net/ only (dispatcher.ts is the engine side).',
      from: { path: '^main/api/', pathNot: `${TESTS}|^main/api/dispatcher\\.ts$` },
      to: { pathNot: '^main/api/|^main/net/(address|range|host-name|probe-policy)\\.ts$|(^|/)node_modules/(zod|ipaddr\\.js)/' },
    },
    // --- the order of main/ ---
    {
      name: 'net-at-the-bottom',
      severity: 'error',
      comment: 'main/net/ (addresses, ranges, the probe policy) imports nothing else of main/.',
      from: { path: '^main/net/', pathNot: TESTS },
      to: { path: '^main/', pathNot: '^main/net/' },
    },
    {
      name: 'lib-below-everything',
      severity: 'error',
      comment: 'main/lib/ is generic: it may use the contract (event names, schemas) and main/net/, nothing above.',
      from: { path: '^main/lib/', pathNot: TESTS },
      to: { path: '^main/', pathNot: '^main/(lib|api|net)/|^main/errors\\.ts$' },
    },
    {
      name: 'foundation-below-infrastructure',
      severity: 'error',
      comment: 'The foundation (net, api, lib, errors, version) imports nothing of the layers above it.',
      from: { path: FOUNDATION, pathNot: TESTS },
      to: { path: `${INFRA}|${AREAS}|${TOP}` },
    },
    {
      name: 'infrastructure-below-areas',
      severity: 'error',
      comment: 'store, secrets, snmp, icmp and outbox import only each other and the foundation.',
      from: { path: INFRA, pathNot: TESTS },
      to: { path: `${AREAS}|${TOP}` },
    },
    {
      name: 'areas-below-top',
      severity: 'error',
      comment: 'No area imports the host, the CLI, the handlers or the engine: those compose the areas.',
      from: { path: AREAS, pathNot: TESTS },
      to: { path: TOP },
    },
    {
      name: 'base-areas',
      severity: 'error',
      comment: 'devices, metrics and notifications are the base areas: the others build on them, they import no other area.',
      from: { path: '^main/(devices|metrics|notifications)/', pathNot: TESTS },
      to: { path: AREAS, pathNot: '^main/$1/' },
    },
    {
      name: 'leaf-areas',
      severity: 'error',
      comment: 'zabbix, sync, central and self-metrics are leaf areas: only the top (engine, handlers, host, CLI) imports them.',
      from: { path: AREAS, pathNot: TESTS },
      to: { path: '^main/(zabbix|sync|central|self-metrics)/', pathNot: '^main/$1/' },
    },
    {
      name: 'zabbix-api-below-mirror',
      severity: 'error',
      comment: 'main/zabbix/api/ is the JSON-RPC client (it talks to a Zabbix server): it knows nothing of the mirror or the area around it.',
      from: { path: '^main/zabbix/api/', pathNot: TESTS },
      to: { path: '^main/zabbix/', pathNot: '^main/zabbix/api/' },
    },
    {
      name: 'store-not-transport',
      severity: 'error',
      comment: 'The store and the areas do not import the dispatcher (the transport side of the contract); an area\'s *-handlers.ts implements its procedures (the Handlers type).',
      from: { path: `${INFRA}|${AREAS}`, pathNot: `${TESTS}|-handlers\\.ts$` },
      to: { path: '^main/api/dispatcher\\.ts$' },
    },
    {
      name: 'production-not-tests',
      severity: 'error',
      comment: 'Production code does not import tests or test helpers.',
      from: { path: '^(main|electron|preload|renderer)/', pathNot: TESTS },
      to: { path: TESTS },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|dist|node_modules)/' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'] },
  },
};
