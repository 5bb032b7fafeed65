//! The engine worker program: starts the message loop, nothing else.

fn main() {
    #[cfg(target_arch = "wasm32")]
    panorama::engine::worker::run();
}
