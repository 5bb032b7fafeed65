// The engine's helper worker: the engine's own program, instantiated from
// the module the engine compiled (sent as the first message), so nothing
// is fetched or compiled twice. The engine reads a large file's parts from
// the front and this worker reads them from the back (src/engine/parts.rs).
importScripts('./engine.js');
self.onmessage = (e) => {
  self.onmessage = null;
  wasm_bindgen({ module_or_path: e.data.module });
};
