//! The column mapping panel: one select per field, a preview of the first
//! rows, a sheet picker for workbooks, and re-import.

use crate::domain::ingest::{Field, SourceFormat};
use crate::i18n::data::DataText;
use crate::i18n::names;
use crate::ui::data::import_state::ImportState;
use crate::ui::state::app;
use leptos::prelude::*;

#[component]
pub fn MappingPanel() -> impl IntoView {
    let ctx = app();
    let import = expect_context::<ImportState>();
    let view_of = import.mapping_view;

    let select_for = move |field: Field| {
        let on_change = move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            view_of.update(|mv| {
                if let Some(mv) = mv {
                    mv.mapping.set(field, v.parse::<usize>().ok());
                }
            });
        };
        let options = move || {
            view_of.with(|mv| {
                let Some(mv) = mv else { return Vec::new() };
                let selected = mv.mapping.get(field);
                let mut opts = vec![view! {
                    <option value="" selected=selected.is_none()>{ctx.t(DataText::ColumnNone)}</option>
                }
                .into_any()];
                for (i, h) in mv.headers.iter().enumerate() {
                    let label = if h.is_empty() { format!("#{}", i + 1) } else { h.clone() };
                    opts.push(
                        view! { <option value=i.to_string() selected=selected == Some(i)>{label}</option> }
                            .into_any(),
                    );
                }
                opts
            })
        };
        let id = format!("map-{}", field.id());
        view! {
            <div class="map-field">
                <label for=id.clone()>
                    {move || names::field(ctx.lang.get(), field)}
                    {field.is_required().then_some(" *")}
                </label>
                <select id=id data-testid=format!("map-{}", field.id()) on:change=on_change>
                    {options}
                </select>
            </div>
        }
    };

    let sheets = move || {
        view_of.with(|mv| match mv.as_ref().map(|m| &m.format) {
            Some(SourceFormat::Workbook { sheet, sheets }) if sheets.len() > 1 => {
                Some((sheet.clone(), sheets.clone()))
            }
            _ => None,
        })
    };
    let apply = move |_| {
        let (sheet, mapping) = view_of.with_untracked(|mv| match mv {
            Some(mv) => (
                match &mv.format {
                    SourceFormat::Workbook { sheet, .. } => Some(sheet.clone()),
                    _ => None,
                },
                Some(mv.mapping.clone()),
            ),
            None => (None, None),
        });
        import.reimport(sheet, mapping);
    };

    view! {
        <Show when=move || view_of.with(Option::is_some)>
            // Folded away once every required field has a column.
            <details class="card" data-testid="mapping-panel"
                prop:open=move || view_of.with(|mv| mv.as_ref().is_some_and(|m| m.needs_attention))>
                <summary><h2 class="inline">{ctx.tr(DataText::MappingTitle)}</h2></summary>
                <p class="muted">{ctx.tr(DataText::MappingHint)}</p>
                {move || sheets().map(|(current, all)| view! {
                    <div class="map-field">
                        <label for="sheet-picker">{ctx.tr(DataText::Sheet)}</label>
                        <select id="sheet-picker" data-testid="sheet-picker"
                            on:change=move |ev| import.reimport(Some(event_target_value(&ev)), None)>
                            {all.into_iter().map(|s| {
                                let selected = s == current;
                                view! { <option value=s.clone() selected=selected>{s.clone()}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                })}
                <div class="map-grid">
                    {Field::ALL.into_iter().map(select_for).collect_view()}
                </div>
                <button class="button" data-testid="apply-mapping" disabled=move || import.busy() on:click=apply>
                    {ctx.tr(DataText::ApplyMapping)}
                </button>
                <h3>{ctx.tr(DataText::PreviewTitle)}</h3>
                <div class="table-scroll" tabindex="0">
                    <table class="preview">
                        <thead><tr>{move || view_of.with(|mv| mv.as_ref().map(|mv| {
                            mv.headers.iter().map(|h| view! { <th>{h.clone()}</th> }).collect_view()
                        }))}</tr></thead>
                        <tbody>{move || view_of.with(|mv| mv.as_ref().map(|mv| {
                            mv.preview.iter().map(|row| view! {
                                <tr>{row.iter().map(|c| view! { <td>{c.clone()}</td> }).collect_view()}</tr>
                            }).collect_view()
                        }))}</tbody>
                    </table>
                </div>
            </details>
        </Show>
    }
}
