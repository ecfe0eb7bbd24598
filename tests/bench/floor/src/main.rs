//! An empty Yew app with both of the viewer's start paths: hydrating a pre-rendered page or
//! rendering into an empty one. `cargo xtask bench` builds it like the viewer and reports its
//! size beside the viewer's first load.

use yew::prelude::*;

#[function_component]
fn App() -> Html {
    html! { <p>{ "floor" }</p> }
}

fn main() {
    let prerendered = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.body())
        .is_some_and(|body| body.has_attribute("data-prerendered"));
    let renderer = yew::Renderer::<App>::new();
    if prerendered {
        renderer.hydrate();
    } else {
        renderer.render();
    }
}
