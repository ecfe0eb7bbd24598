//! Browser tests of the viewer, run by wasm-bindgen-test in headless Chromium.

#![cfg(target_arch = "wasm32")]

use bulletin_viewer::app::App;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_root() -> web_sys::Element {
    let document = web_sys::window()
        .and_then(|window| window.document())
        .expect("a document");
    let root = document.create_element("div").expect("a div");
    document.body().expect("a body").append_child(&root).expect("appended");
    root
}

#[wasm_bindgen_test]
async fn shows_title_date_and_contents() {
    let root = fresh_root();
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    let text = root.text_content().unwrap_or_default();
    assert!(text.contains("중국 과학기술 정책 주간동향"), "{text}");
    assert!(text.contains("2023. 6. 30"), "{text}");
    assert!(
        text.contains("네이처 인덱스 2023, 중국 과학연구 우수논문 점유율 1위"),
        "{text}"
    );
    let links = root.query_selector_all("nav.contents a").expect("a selector");
    assert_eq!(links.length(), 8);
}
