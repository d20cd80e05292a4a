// The mini-program has no browser XMLHttpRequest or fetch. Removing them before axios
// loads leaves the XMLHttpRequest shim of @tarojs/plugin-http as its only transport.
const globals = globalThis as Record<string, unknown>;
delete globals.XMLHttpRequest;
delete globals.fetch;

// Define constants the Taro build injects: the plugin's enableCookie option (off in the
// app) and @tarojs/runtime's DOM feature switches (irrelevant to requests).
for (const flag of [
  'ENABLE_COOKIE',
  'ENABLE_INNER_HTML',
  'ENABLE_ADJACENT_HTML',
  'ENABLE_SIZE_APIS',
  'ENABLE_TEMPLATE_CONTENT',
  'ENABLE_CLONE_NODE',
  'ENABLE_CONTAINS',
  'ENABLE_MUTATION_OBSERVER',
]) {
  globals[flag] = false;
}
