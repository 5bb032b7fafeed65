//! The engine's Web Worker side: receives the views' requests, answers
//! them from the [`Engine`], and drives long work in ~30 ms slices so a
//! cancel (a message like any other) is read between two slices.
//!
//! A large text file is read in parts (`engine::parts`): this worker reads
//! its parts from the front of the file and a helper worker (the same
//! program, started by this one) reads parts from the back, each fetching
//! its next part while it parses one. The helper answers `helper` messages
//! only; the page never talks to it.

use super::parts::{HelperReply, HelperRequest};
use super::protocol::{decode, encode, Reply, Request};
use super::{Engine, Step};
use crate::domain::ingest::parts::{HEAD_BYTES, PARTS_FROM};
use js_sys::{Array, Object, Reflect, Uint8Array};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{Blob, DedicatedWorkerGlobalScope, MessageEvent, Worker};

/// Milliseconds of work between two looks at the message queue.
const SLICE_MS: f64 = 30.0;
/// Milliseconds between two progress messages.
const PROGRESS_MS: f64 = 100.0;
/// Rows per engine step (a few milliseconds).
const STEP_ROWS: usize = 2_000;

struct State {
    engine: Engine,
    /// The file the user picked last, and its name: parts are read from it.
    blob: Option<(Blob, String)>,
    helper: Helper,
    /// Reads of this worker's own parts in flight: (run, part, promise).
    reads: Vec<(u64, usize, js_sys::Promise)>,

    /// Resolves the import loop's wait for the helper.
    wake: Option<js_sys::Function>,
    /// Questions to answer ahead, one per turn while nothing else runs.
    warm: std::collections::VecDeque<crate::engine::protocol::Query>,
    warming: bool,
    /// The campaigns' questions, listed once the first are answered.
    warm_later: Option<(
        crate::engine::protocol::At,
        crate::domain::value::validate::ModelChoice,
    )>,
    /// Counts started imports: a loop whose import was replaced stops.
    generation: u64,
    cancel: bool,
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn now() -> f64 {
    js_sys::Date::now()
}

/// Sends `reply` to request `id`, with a file's bytes when given; both
/// buffers are transferred, not copied.
fn post(id: f64, reply: &Reply, file: Option<Vec<u8>>) {
    let msg = Object::new();
    let body = Uint8Array::from(encode(reply).as_slice());
    let _ = Reflect::set(&msg, &"id".into(), &JsValue::from_f64(id));
    let _ = Reflect::set(&msg, &"bytes".into(), &body);
    let transfer = Array::of1(&body.buffer());
    if let Some(b) = file {
        let array = Uint8Array::from(b.as_slice());
        let _ = Reflect::set(&msg, &"file".into(), &array);
        transfer.push(&array.buffer());
    }
    let _ = scope().post_message_with_transfer(&msg, &transfer);
}

/// A message channel to itself, kept for the worker's life, and the
/// resolvers of the yields waiting on it.
struct Turns {
    channel: web_sys::MessageChannel,
    waiting: Rc<RefCell<std::collections::VecDeque<js_sys::Function>>>,
    _on_message: Closure<dyn Fn()>,
}

thread_local! {
    static TURNS: Option<Turns> = {
        let channel = web_sys::MessageChannel::new().ok()?;
        let waiting: Rc<RefCell<std::collections::VecDeque<js_sys::Function>>> = Rc::default();
        let queue = waiting.clone();
        let on_message = Closure::<dyn Fn()>::new(move || {
            let next = queue.borrow_mut().pop_front();
            if let Some(resolve) = next {
                let _ = resolve.call0(&JsValue::NULL);
            }
        });
        channel.port1().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        Some(Turns { channel, waiting, _on_message: on_message })
    };
}

/// Lets the worker read its message queue before work continues. A
/// message to itself, not `setTimeout(0)`: nested timeouts are clamped to
/// 4 ms, which would cost an import a tenth of its time.
async fn yield_now() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        TURNS.with(|t| match t {
            Some(t) => {
                t.waiting.borrow_mut().push_back(resolve);
                let _ = t.channel.port2().post_message(&JsValue::NULL);
            }
            None => {
                let _ = scope().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
            }
        });
    });
    let _ = JsFuture::from(promise).await;
}

/// The helper worker, started with the first file opened.
enum Helper {
    None,
    Starting(Worker),
    Ready(Worker),
    /// It could not start or it failed: this worker reads every part.
    Gone,
}

/// Bytes `range` of `blob`, as a read under way.
fn read_range(blob: &Blob, range: &std::ops::Range<usize>) -> Option<js_sys::Promise> {
    blob.slice_with_f64_and_f64(range.start as f64, range.end as f64)
        .ok()
        .map(|b| b.array_buffer())
}

async fn bytes_of(read: js_sys::Promise) -> Option<Vec<u8>> {
    let buf = JsFuture::from(read).await.ok()?;
    Some(Uint8Array::new(&buf).to_vec())
}

/// Whether this worker is the engine's helper (started by helper_loader.js).
fn is_helper() -> bool {
    scope().name() == "helper"
}

/// Starts the helper worker once (it loads while the user maps columns).
fn start_helper(state: &Rc<RefCell<State>>) {
    if !matches!(state.borrow().helper, Helper::None) {
        return;
    }
    let options = web_sys::WorkerOptions::new();
    options.set_name("helper");
    let Ok(worker) = Worker::new_with_options("./helper_loader.js", &options) else {
        state.borrow_mut().helper = Helper::Gone;
        return;
    };
    // The compiled module itself: the helper neither fetches nor compiles.
    let start = Object::new();
    let _ = Reflect::set(&start, &"module".into(), &wasm_bindgen::module());
    if worker.post_message(&start).is_err() {
        worker.terminate();
        state.borrow_mut().helper = Helper::Gone;
        return;
    }
    let st = state.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |ev: MessageEvent| {
        from_helper(&st, ev.data());
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let st = state.clone();
    let on_error = Closure::<dyn Fn()>::new(move || helper_gone(&st));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    state.borrow_mut().helper = Helper::Starting(worker);
}

/// The helper failed: this worker takes its parts back.
fn helper_gone(state: &Rc<RefCell<State>>) {
    let mut s = state.borrow_mut();
    if let Helper::Starting(w) | Helper::Ready(w) = &s.helper {
        w.terminate();
    }
    s.helper = Helper::Gone;
    s.engine.without_helper();
    wake(&mut s);
}

fn wake(s: &mut State) {
    if let Some(resolve) = s.wake.take() {
        let _ = resolve.call0(&JsValue::NULL);
    }
}

/// A message from the helper: ready, or a part read.
fn from_helper(state: &Rc<RefCell<State>>, data: JsValue) {
    let ready = Reflect::get(&data, &"ready".into()).is_ok_and(|v| v.is_truthy());
    if ready {
        let mut s = state.borrow_mut();
        if let Helper::Starting(w) = std::mem::replace(&mut s.helper, Helper::None) {
            s.helper = Helper::Ready(w);
        }
        drop(s);
        feed_helper(state);
        return;
    }
    let reply = Reflect::get(&data, &"helper".into())
        .ok()
        .and_then(|b| b.dyn_into::<Uint8Array>().ok())
        .and_then(|b| decode::<HelperReply>(&b.to_vec()));
    let Some(reply) = reply else {
        return;
    };
    let part = Reflect::get(&data, &"file".into())
        .ok()
        .and_then(|b| b.dyn_into::<Uint8Array>().ok())
        .map(|b| b.to_vec());
    {
        let mut s = state.borrow_mut();
        s.engine.helper_reply(reply, part.as_deref());
        wake(&mut s);
    }
}

/// Sends the helper its parts of the running import, once it is ready.
fn feed_helper(state: &Rc<RefCell<State>>) {
    let mut s = state.borrow_mut();
    let Helper::Ready(worker) = &s.helper else {
        return;
    };
    let worker = worker.clone();
    let Some(req) = s.engine.helper_request() else {
        return;
    };
    let blob = s.blob.as_ref().map(|(b, _)| b.clone());
    drop(s);
    send_helper(&worker, &req, blob.as_ref());
}

fn send_helper(worker: &Worker, req: &HelperRequest, blob: Option<&Blob>) {
    let msg = Object::new();
    let body = Uint8Array::from(encode(req).as_slice());
    let _ = Reflect::set(&msg, &"helper".into(), &body);
    if let Some(b) = blob {
        let _ = Reflect::set(&msg, &"blob".into(), b);
    }
    let _ = worker.post_message_with_transfer(&msg, &Array::of1(&body.buffer()));
}

/// Tells the helper to drop the work of `run`.
fn stop_helper(s: &State, run: u64) {
    if let Helper::Ready(w) = &s.helper {
        send_helper(w, &HelperRequest::Stop { run }, None);
    }
}

/// Keeps this worker's next part being read while it parses one.
fn read_ahead(s: &mut State) {
    let Some((run, _)) = s.engine.parts_run() else {
        return;
    };
    s.reads.retain(|r| r.0 == run);
    while s.reads.len() < 2 {
        let Some(k) = s.engine.claim_part() else {
            return;
        };
        let read = s
            .blob
            .as_ref()
            .zip(s.engine.part_range(k))
            .and_then(|((b, _), range)| read_range(b, &range));
        match read {
            Some(r) => s.reads.push((run, k, r)),
            None => return,
        }
    }
}

/// As the helper: a request from the engine.
fn as_helper(state: &Rc<RefCell<State>>, req: HelperRequest, blob: Option<Blob>) {
    match req {
        HelperRequest::Stop { run } => state.borrow_mut().engine.helper_stop(run),
        HelperRequest::Truncate { run, end } => state.borrow_mut().engine.helper_truncate(run, end),
        HelperRequest::Chain {
            run,
            file,
            ref parts,
            ..
        } => {
            state.borrow_mut().engine.helper_start(&req);
            let parts = parts.clone();
            let state = state.clone();
            spawn_local(async move {
                let read = |k: usize, range: &std::ops::Range<usize>| {
                    let e = &state.borrow().engine;
                    if e.helper_holds(file, k) || !e.helper_wants(run, k) {
                        None
                    } else {
                        blob.as_ref().and_then(|b| read_range(b, range))
                    }
                };
                let mut next = parts.first().and_then(|(k, r)| read(*k, r));
                for (i, (k, _)) in parts.iter().enumerate() {
                    // Messages first: the engine may have taken the parts
                    // from here on.
                    yield_now().await;
                    if !state.borrow().engine.helper_wants(run, *k) {
                        break;
                    }
                    let this = next.take();
                    // The next part is fetched while this one is parsed.
                    next = parts.get(i + 1).and_then(|(k, r)| read(*k, r));
                    let bytes = match this {
                        Some(r) => bytes_of(r).await,
                        None => None,
                    };
                    if state.borrow().engine.helper_is_stopped(run) {
                        return;
                    }
                    let fed = state
                        .borrow_mut()
                        .engine
                        .helper_feed(run, *k, bytes.as_deref());
                    match fed {
                        Ok((reply, part)) => to_engine(&reply, Some(part)),
                        Err(failed) => {
                            to_engine(&failed, None);
                            return;
                        }
                    }
                }
                let reply = state.borrow_mut().engine.helper_finish(run);
                to_engine(&reply, None);
            });
        }
    }
}

/// As the helper: a reply to the engine, with a part's bytes transferred.
fn to_engine(reply: &HelperReply, part: Option<Vec<u8>>) {
    let msg = Object::new();
    let body = Uint8Array::from(encode(reply).as_slice());
    let _ = Reflect::set(&msg, &"helper".into(), &body);
    let transfer = Array::of1(&body.buffer());
    if let Some(p) = part {
        let array = Uint8Array::from(p.as_slice());
        let _ = Reflect::set(&msg, &"file".into(), &array);
        transfer.push(&array.buffer());
    }
    let _ = scope().post_message_with_transfer(&msg, &transfer);
}

async fn read_blob(blob: Blob) -> Result<Vec<u8>, String> {
    let buf = JsFuture::from(blob.array_buffer())
        .await
        .map_err(|e| format!("{e:?}"))?;
    Ok(Uint8Array::new(&buf).to_vec())
}

/// Answers the warm-up questions one per turn (the answers go to the
/// engine's cache), so a question the page asks meanwhile waits for one at
/// most.
async fn warm(state: Rc<RefCell<State>>) {
    if std::mem::replace(&mut state.borrow_mut().warming, true) {
        return;
    }
    loop {
        yield_now().await;
        let mut s = state.borrow_mut();
        if s.engine.is_running() {
            s.warm.clear();
            s.warm_later = None;
        }
        if s.warm.is_empty() {
            if let Some((at, model)) = s.warm_later.take() {
                let later = s.engine.warm_campaigns(&at, model);
                s.warm = later.into();
                continue;
            }
        }
        let Some(q) = s.warm.pop_front() else {
            s.warming = false;
            return;
        };
        // Customer value is fitted a model per turn; its question is
        // answered once the fits are done.
        let pending = match &q {
            super::protocol::Query::Value { at, model, cut, .. } => {
                !s.engine.prepare_value(at, *model, *cut)
            }
            _ => false,
        };
        if pending {
            s.warm.push_front(q);
            continue;
        }
        let _ = s.engine.query(&q);
    }
}

/// Runs the started import or demo to its end, in slices.
async fn drive(state: Rc<RefCell<State>>, id: f64, hold: bool) {
    let mine = {
        let mut s = state.borrow_mut();
        s.generation += 1;
        s.cancel = false;
        s.generation
    };
    let mut first = true;
    let mut last_progress = 0.0;
    loop {
        let step = {
            let mut s = state.borrow_mut();
            if s.generation != mine {
                return;
            }
            if s.cancel {
                s.cancel = false;
                if let Some((run, _)) = s.engine.parts_run() {
                    stop_helper(&s, run);
                }
                s.reads.clear();
                let reply = s.engine.cancel();
                drop(s);
                post(id, &reply, None);
                return;
            }
            read_ahead(&mut s);
            drop(s);
            feed_helper(&state);
            let mut s = state.borrow_mut();
            let start = now();
            let mut last = None;
            while now() - start < SLICE_MS {
                last = s.engine.step(STEP_ROWS);
                if !matches!(last, Some(Step::Progress(_))) {
                    break;
                }
            }
            last
        };
        match step {
            // The bar moves ten times a second: each message costs the page
            // a render, which the import would wait for on a busy machine.
            Some(Step::Progress(p)) => {
                if now() - last_progress >= PROGRESS_MS {
                    last_progress = now();
                    post(id, &Reply::Progress(p), None);
                }
            }
            Some(Step::Done(reply)) => {
                post(id, &reply, None);
                return;
            }
            Some(Step::NeedPart(k)) => {
                if !part_arrives(&state, k).await {
                    return;
                }
                continue;
            }
            Some(Step::Truncate(end)) => {
                let s = state.borrow();
                if let (Some((run, _)), Helper::Ready(w)) = (s.engine.parts_run(), &s.helper) {
                    send_helper(w, &HelperRequest::Truncate { run, end }, None);
                }
                continue;
            }
            Some(Step::Waiting) => {
                let waiting = {
                    let s = state.borrow();
                    matches!(s.helper, Helper::Ready(_) | Helper::Starting(_))
                };
                if waiting {
                    let promise = js_sys::Promise::new(&mut |resolve, _| {
                        state.borrow_mut().wake = Some(resolve);
                    });
                    let _ = JsFuture::from(promise).await;
                } else {
                    state.borrow_mut().engine.without_helper();
                }
                continue;
            }
            Some(Step::NeedWhole(mapping)) => {
                if let Some(reply) = whole_again(&state, mapping).await {
                    post(id, &reply, None);
                    return;
                }
                continue;
            }
            None => return,
        }
        // Tests hold the import open here until they cancel it.
        if hold && first {
            while !state.borrow().cancel && state.borrow().generation == mine {
                yield_now().await;
            }
        }
        first = false;
        yield_now().await;
    }
}

/// Waits for the bytes of this worker's part `k` and hands them over;
/// false if the import was replaced meanwhile.
async fn part_arrives(state: &Rc<RefCell<State>>, k: usize) -> bool {
    let (run, read) = {
        let mut s = state.borrow_mut();
        let Some((run, _)) = s.engine.parts_run() else {
            return false;
        };
        let at = s.reads.iter().position(|r| r.0 == run && r.1 == k);
        let read = match at {
            Some(i) => Some(s.reads.remove(i).2),
            None => s
                .blob
                .as_ref()
                .zip(s.engine.part_range(k))
                .and_then(|((b, _), range)| read_range(b, &range)),
        };
        (run, read)
    };
    let bytes = match read {
        Some(r) => bytes_of(r).await,
        None => None,
    };
    let mut s = state.borrow_mut();
    if s.engine.parts_run().map(|r| r.0) != Some(run) {
        return false;
    }
    match bytes {
        Some(b) => s.engine.part_bytes(run, k, &b),
        // An unreadable slice: the whole file is read instead.
        None => s.engine.part_bytes(run, k, &[]),
    }
    true
}

/// The parts could not be used: reads the whole file and imports it with
/// `mapping`. `Some(reply)` ends the import (the file failed).
async fn whole_again(
    state: &Rc<RefCell<State>>,
    mapping: crate::domain::ingest::ColumnMapping,
) -> Option<Reply> {
    let blob = {
        let mut s = state.borrow_mut();
        s.reads.clear();
        s.blob.clone()
    };
    let Some((blob, name)) = blob else {
        return Some(Reply::Stale);
    };
    let bytes = match read_blob(blob).await {
        Ok(b) => b,
        Err(reason) => {
            let e = crate::domain::ingest::FileError::UnreadableWorkbook { reason };
            return Some(Reply::Failed(e));
        }
    };
    let mut s = state.borrow_mut();
    match s.engine.open(Some(bytes), &name, None) {
        Reply::Opened(_) => s.engine.start_import(mapping),
        other => Some(other),
    }
}

fn handle(state: &Rc<RefCell<State>>, ev: MessageEvent) {
    let data = ev.data();
    let helper = Reflect::get(&data, &"helper".into())
        .ok()
        .and_then(|b| b.dyn_into::<Uint8Array>().ok())
        .and_then(|b| decode::<HelperRequest>(&b.to_vec()));
    if let Some(req) = helper {
        let blob = Reflect::get(&data, &"blob".into())
            .ok()
            .and_then(|b| b.dyn_into::<Blob>().ok());
        as_helper(state, req, blob);
        return;
    }
    let id = Reflect::get(&data, &"id".into())
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0);
    let Some(request) = Reflect::get(&data, &"bytes".into())
        .ok()
        .and_then(|b| b.dyn_into::<Uint8Array>().ok())
        .and_then(|b| decode::<Request>(&b.to_vec()))
    else {
        post(id, &Reply::Stale, None);
        return;
    };
    let blob = Reflect::get(&data, &"blob".into())
        .ok()
        .and_then(|b| b.dyn_into::<Blob>().ok());
    match request {
        Request::Open { name, sheet } => {
            let state = state.clone();
            if let Some(b) = &blob {
                state.borrow_mut().blob = Some((b.clone(), name.clone()));
                start_helper(&state);
            }
            spawn_local(async move {
                // A large text file opens from its head and is read in parts.
                if let (Some(b), None) = (&blob, &sheet) {
                    let len = b.size() as usize;
                    if len >= PARTS_FROM {
                        let head = b
                            .slice_with_f64_and_f64(0.0, HEAD_BYTES.min(len) as f64)
                            .ok()
                            .map(|h| h.array_buffer());
                        if let Some(head) = head {
                            if let Some(head) = bytes_of(head).await {
                                let reply = state.borrow_mut().engine.open_head(&head, len, &name);
                                if let Some(reply) = reply {
                                    post(id, &reply, None);
                                    return;
                                }
                            }
                        }
                    }
                }
                let bytes = match blob {
                    Some(b) => match read_blob(b).await {
                        Ok(bytes) => Some(bytes),
                        Err(e) => {
                            post(
                                id,
                                &Reply::Failed(
                                    crate::domain::ingest::FileError::UnreadableWorkbook {
                                        reason: e,
                                    },
                                ),
                                None,
                            );
                            return;
                        }
                    },
                    None => None,
                };
                let reply = state
                    .borrow_mut()
                    .engine
                    .open(bytes, &name, sheet.as_deref());
                post(id, &reply, None);
            });
        }
        Request::Import { mapping, hold } => {
            let failed = {
                let mut s = state.borrow_mut();
                let helper = matches!(s.helper, Helper::Starting(_) | Helper::Ready(_));
                s.engine.set_helper(helper);
                s.engine.start_import(mapping)
            };
            match failed {
                Some(reply) => post(id, &reply, None),
                None => spawn_local(drive(state.clone(), id, hold)),
            }
        }
        Request::Demo => {
            state.borrow_mut().engine.start_demo();
            spawn_local(drive(state.clone(), id, false));
        }
        Request::Cancel => {
            {
                let mut s = state.borrow_mut();
                if s.engine.is_running() {
                    s.cancel = true;
                }
            }
            // The import itself answers `Cancelled`; this request is done.
            post(id, &Reply::Stale, None);
        }
        Request::Warm {
            at,
            settings,
            model,
        } => {
            {
                let mut s = state.borrow_mut();
                let queries = s.engine.warm_queries(&at, &settings, model);
                s.warm = queries.into();
                s.warm_later = Some((at, model));
            }
            post(id, &Reply::Stale, None);
            spawn_local(warm(state.clone()));
        }
        Request::Query(q) => {
            let reply = state.borrow_mut().engine.query(&q);
            post(id, &reply, None);
        }
        Request::Scenario(task) => {
            let (reply, file) = state.borrow().engine.scenario(&task);
            post(id, &reply, file);
        }
        Request::Export(e) => {
            let out = state.borrow_mut().engine.export(&e);
            match out {
                Some((reply, bytes)) => post(id, &reply, Some(bytes)),
                None => post(id, &Reply::Stale, None),
            }
        }
    }
}

/// The worker's entry point: listens for requests until the page closes.
pub fn run() {
    console_error_panic_hook::set_once();
    let state = Rc::new(RefCell::new(State {
        engine: Engine::new(now),
        blob: None,
        helper: Helper::None,
        reads: Vec::new(),
        wake: None,
        warm: Default::default(),
        warming: false,
        warm_later: None,
        generation: 0,
        cancel: false,
    }));
    let st = state.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |ev| handle(&st, ev));
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    // Messages that arrive before the handler are lost, so the page waits
    // for this one before it sends any.
    let ready = Object::new();
    let _ = Reflect::set(&ready, &"ready".into(), &JsValue::TRUE);
    let _ = scope().post_message(&ready);
    // The engine (not its helper, which shares its compiled code) warms up
    // the import while the user looks at the page.
    spawn_local(async {
        yield_now().await;
        if !is_helper() {
            Engine::warm_up_import();
        }
    });
}
