//! The one component that knows about `<canvas>`: sizes it for the screen's
//! pixel ratio (crisp on HiDPI) and hands a plotters drawing area to a
//! chart function from `crate::charts`, redrawing when its inputs change.

use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::DrawingArea;
use plotters_canvas::CanvasBackend;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Pixels per CSS pixel while printing: crisp on paper. The print style
/// scales the canvas to the printed width with its aspect ratio kept.
const PRINT_SCALE: f64 = 3.0;

/// Draws on the area; the f64 is the device pixel ratio (font and line scale).
pub type DrawFn = Arc<dyn Fn(&DrawingArea<CanvasBackend, Shift>, f64) + Send + Sync>;

#[component]
pub fn ChartCanvas(
    /// Reads its reactive inputs, so the chart redraws when they change.
    draw: DrawFn,
    /// CSS height in pixels.
    height: u32,
    /// What the chart shows, for screen readers.
    #[prop(into)]
    label: Signal<String>,
    #[prop(optional)] testid: &'static str,
    /// Called with the click position in CSS pixels and the CSS size.
    #[prop(optional)]
    on_click: Option<Callback<(f64, f64, f64, f64)>>,
    /// Called as the pointer moves, like `on_click`.
    #[prop(optional)]
    on_move: Option<Callback<(f64, f64, f64, f64)>>,
) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let resized = RwSignal::new(0u32);
    // Removed when the chart leaves the page.
    let listener = window_event_listener(leptos::ev::resize, move |_| resized.update(|n| *n += 1));
    // Printing redraws at PRINT_SCALE, and the screen's ratio after.
    let printing = RwSignal::new(false);
    let before =
        leptos::leptos_dom::helpers::window_event_listener_untyped("beforeprint", move |_| {
            printing.set(true)
        });
    let after =
        leptos::leptos_dom::helpers::window_event_listener_untyped("afterprint", move |_| {
            printing.set(false)
        });
    on_cleanup(move || {
        listener.remove();
        before.remove();
        after.remove();
    });

    Effect::new(move |_| {
        resized.track();
        let Some(el) = canvas.get() else { return };
        let el: web_sys::HtmlCanvasElement = el.unchecked_into();
        // Through CSSOM: the CSP allows no style attributes.
        let _ = web_sys::HtmlElement::style(&el).set_property("height", &format!("{height}px"));
        let dpr = if printing.get() {
            PRINT_SCALE
        } else {
            window().device_pixel_ratio().max(1.0)
        };
        // A hidden chart (the report leaves some out) is not drawn: plotters
        // would measure its text in a styled <span>, which the CSP refuses.
        if el.client_width() == 0 {
            return;
        }
        let css_w = f64::from(el.client_width());
        el.set_width((css_w * dpr).round() as u32);
        el.set_height((f64::from(height) * dpr).round() as u32);
        if let Some(backend) = CanvasBackend::with_canvas_object(el) {
            let area = plotters::prelude::IntoDrawingArea::into_drawing_area(backend);
            draw(&area, dpr);
            let _ = area.present();
        }
    });

    // Pointer position in CSS pixels relative to the canvas, and its size.
    let relative = move |ev: &leptos::ev::MouseEvent| {
        let el: web_sys::HtmlCanvasElement = canvas.get()?.unchecked_into();
        let rect = el.get_bounding_client_rect();
        Some((
            f64::from(ev.client_x()) - rect.left(),
            f64::from(ev.client_y()) - rect.top(),
            rect.width(),
            rect.height(),
        ))
    };
    let click = move |ev: leptos::ev::MouseEvent| {
        if let (Some(cb), Some(p)) = (on_click, relative(&ev)) {
            cb.run(p);
        }
    };
    let moved = move |ev: leptos::ev::MouseEvent| {
        if let (Some(cb), Some(p)) = (on_move, relative(&ev)) {
            cb.run(p);
        }
    };
    let save_png = move |_| {
        if let Some(el) = canvas.get() {
            let el: web_sys::HtmlCanvasElement = el.unchecked_into();
            let name = if testid.is_empty() { "chart" } else { testid };
            let _ = crate::ui::io::download_canvas_png(&el, &format!("{name}.png"));
        }
    };
    let ctx = crate::ui::state::app();
    let png_label =
        Signal::derive(move || ctx.t(crate::i18n::shell::Common::PngLabel { chart: label.get() }));
    view! {
        <div class="chart-wrap">
        <canvas node_ref=canvas class="chart" role="img" aria-label=move || label.get()
            data-testid=testid height=height on:click=click on:mousemove=moved></canvas>
        <div class="png-row">
            <button class="png-button" data-testid=if testid.is_empty() { String::new() } else { format!("png-{testid}") }
                aria-label=move || png_label.get() title=move || png_label.get() on:click=save_png>"PNG ↓"</button>
        </div>
        </div>
    }
}
