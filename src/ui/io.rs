//! The only code that touches files, downloads, storage and the event loop.

use js_sys::{Array, Promise, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Reads a picked or dropped file into memory.
pub async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buf = JsFuture::from(file.array_buffer())
        .await
        .map_err(js_message)?;
    Ok(Uint8Array::new(&buf).to_vec())
}

/// Offers bytes to the user as a download named `name`.
pub fn download(name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    download_array(name, mime, &Uint8Array::from(bytes))
}

/// Offers a JS byte array (an engine export) as a download, without
/// copying it into the page's memory.
pub fn download_array(name: &str, mime: &str, array: &Uint8Array) -> Result<(), String> {
    let parts = Array::of1(array);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob =
        web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts).map_err(js_message)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js_message)?;
    save_url(&url, name)?;
    web_sys::Url::revoke_object_url(&url).map_err(js_message)?;
    Ok(())
}

/// Saves a canvas as a PNG download named `name`.
pub fn download_canvas_png(canvas: &web_sys::HtmlCanvasElement, name: &str) -> Result<(), String> {
    let url = canvas
        .to_data_url_with_type("image/png")
        .map_err(js_message)?;
    save_url(&url, name)
}

/// Clicks a download link to `url` (a blob: or data: URL).
fn save_url(url: &str, name: &str) -> Result<(), String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(js_message)?
        .unchecked_into();
    a.set_href(url);
    a.set_download(name);
    a.click();
    Ok(())
}

/// The file a file input's `change` event picked, clearing the input so
/// picking the same file again fires `change` again.
pub fn picked_file(ev: &web_sys::Event) -> Option<web_sys::File> {
    let input: web_sys::HtmlInputElement = ev.target()?.dyn_into().ok()?;
    let file = input.files().and_then(|f| f.get(0));
    input.set_value("");
    file
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

pub fn load_setting(key: &str) -> Option<String> {
    storage()?.get_item(key).ok()?
}

thread_local! {
    /// Told when a setting could not be kept (see [`on_storage_failure`]).
    static ON_STORAGE_FAILURE: std::cell::RefCell<Option<std::rc::Rc<dyn Fn()>>> =
        const { std::cell::RefCell::new(None) };
}

/// Calls `f` each time a setting cannot be written to localStorage: full
/// (quota exceeded) or blocked (private mode, a site-data policy). The
/// setting then lasts for this tab only; nothing in memory is lost.
pub fn on_storage_failure(f: impl Fn() + 'static) {
    ON_STORAGE_FAILURE.with(|c| *c.borrow_mut() = Some(std::rc::Rc::new(f)));
}

pub fn save_setting(key: &str, value: &str) {
    let kept = storage().is_some_and(|s| s.set_item(key, value).is_ok());
    if !kept {
        if let Some(f) = ON_STORAGE_FAILURE.with(|c| c.borrow().clone()) {
            f();
        }
    }
}

/// A value kept in localStorage (postcard, base64): the page carries no
/// JSON code. `None` when absent or written by another version.
pub fn load_value<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
    use base64::Engine;
    let text = load_setting(key)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text)
        .ok()?;
    crate::engine::protocol::decode(&bytes)
}

pub fn save_value<T: serde::Serialize>(key: &str, value: &T) {
    use base64::Engine;
    let bytes = crate::engine::protocol::encode(value);
    save_setting(
        key,
        &base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes),
    );
}

/// The Cache Storage bucket that holds the user's data when they opt in
/// (kept apart from the app's own `panorama-app-*` caches).
const DATA_CACHE: &str = "panorama-data";
const DATA_KEY: &str = "./__panorama-data__";

fn caches() -> Result<web_sys::CacheStorage, String> {
    web_sys::window()
        .ok_or("no window")?
        .caches()
        .map_err(js_message)
}

/// Keeps a file and its name in this browser (the user opted in). The
/// file goes to Cache Storage as it is, never through the page's memory.
pub async fn store_data(name: &str, file: &web_sys::Blob) -> Result<(), String> {
    let cache: web_sys::Cache = JsFuture::from(caches()?.open(DATA_CACHE))
        .await
        .map_err(js_message)?
        .unchecked_into();
    let init = web_sys::ResponseInit::new();
    let headers = js_sys::Object::new();
    // Header values are ASCII: the name travels URI-encoded.
    let encoded: String = js_sys::encode_uri_component(name).into();
    js_sys::Reflect::set(&headers, &"x-name".into(), &encoded.into()).map_err(js_message)?;
    init.set_headers(&headers);
    let response =
        web_sys::Response::new_with_opt_blob_and_init(Some(file), &init).map_err(js_message)?;
    JsFuture::from(cache.put_with_str(DATA_KEY, &response))
        .await
        .map_err(js_message)?;
    Ok(())
}

/// The data kept by `store_data`, if any: (file, file name).
pub async fn load_stored_data() -> Option<(web_sys::Blob, String)> {
    let cache: web_sys::Cache = JsFuture::from(caches().ok()?.open(DATA_CACHE))
        .await
        .ok()?
        .unchecked_into();
    let hit = JsFuture::from(cache.match_with_str(DATA_KEY)).await.ok()?;
    if hit.is_undefined() {
        return None;
    }
    let response: web_sys::Response = hit.unchecked_into();
    let name = response
        .headers()
        .get("x-name")
        .ok()
        .flatten()
        .and_then(|n| js_sys::decode_uri_component(&n).ok())
        .map(String::from)
        .unwrap_or_default();
    let blob = JsFuture::from(response.blob().ok()?).await.ok()?;
    Some((blob.unchecked_into(), name))
}

/// An empty file (what the demo's marker is kept as).
pub fn empty_blob() -> Option<web_sys::Blob> {
    web_sys::Blob::new().ok()
}

/// Deletes the kept data.
pub async fn clear_stored_data() -> Result<(), String> {
    JsFuture::from(caches()?.delete(DATA_CACHE))
        .await
        .map_err(js_message)?;
    Ok(())
}

/// Replaces the address bar's hash without a new history entry.
pub fn replace_hash(hash: &str) {
    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(hash));
    }
}

/// Opens another view (as a link click would).
pub fn go_to(hash: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(hash);
    }
}

/// Whether the screen is phone-narrow (at most 600 CSS pixels), following
/// it as the window is resized; the listener goes with the view.
pub fn narrow_screen() -> leptos::prelude::Signal<bool> {
    use leptos::prelude::*;
    let query = "(max-width: 600px)";
    let matches = move || {
        web_sys::window()
            .and_then(|w| w.match_media(query).ok().flatten())
            .is_some_and(|m| m.matches())
    };
    let narrow = RwSignal::new(matches());
    let listener = window_event_listener(leptos::ev::resize, move |_| {
        let now = matches();
        if narrow.get_untracked() != now {
            narrow.set(now);
        }
    });
    on_cleanup(move || listener.remove());
    narrow.into()
}

/// Sets `<html data-{name}="{value}">`: a state the page is in that tests
/// and benchmarks can wait on.
pub fn mark_root(name: &str, value: &str) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute(&format!("data-{name}"), value);
    }
}

/// Whether the page sets a test flag (`window[name]` truthy).
pub fn test_flag(name: &str) -> bool {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &JsValue::from_str(name)).ok())
        .is_some_and(|v| v.is_truthy())
}

/// The browser's preferred language tag.
pub fn browser_language() -> String {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_default()
}

/// Lets the browser paint and handle input before work continues.
pub async fn yield_to_browser() {
    let promise = Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Runs `f` after `ms` milliseconds unless the returned handle is cleared
/// first (to let fast input settle before slow work).
pub fn after(ms: u64, f: impl FnOnce() + 'static) -> Option<leptos::prelude::TimeoutHandle> {
    leptos::prelude::set_timeout_with_handle(f, std::time::Duration::from_millis(ms)).ok()
}

/// Calls `f` once a new build of the app is installed and waiting
/// (`web/sw-register.js` announces it), including one announced before the
/// app started.
pub fn on_update_ready(f: impl Fn() + 'static) {
    let Some(w) = web_sys::window() else { return };
    let waiting = js_sys::Reflect::get(&w, &JsValue::from_str("__panoramaWaiting"))
        .is_ok_and(|v| !v.is_undefined() && !v.is_null());
    if waiting {
        f();
    }
    let cb = wasm_bindgen::closure::Closure::<dyn Fn()>::new(f);
    let _ =
        w.add_event_listener_with_callback("panorama:update-ready", cb.as_ref().unchecked_ref());
    // The listener lives as long as the page.
    cb.forget();
}

/// Asks the waiting build to take over; the page then reloads onto it.
pub fn apply_update() {
    if let (Some(w), Ok(ev)) = (
        web_sys::window(),
        web_sys::Event::new("panorama:apply-update"),
    ) {
        let _ = w.dispatch_event(&ev);
    }
}

/// Milliseconds from the page's clock, for chunking work (not for domain logic).
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// A sub-millisecond clock (`performance.now()`), for showing how long a
/// computation took; falls back to `now_ms`.
pub fn precise_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(now_ms, |p| p.now())
}

fn js_message(v: JsValue) -> String {
    v.as_string()
        .or_else(|| {
            v.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| format!("{v:?}"))
}
