//! Browser tests of the viewer, run by wasm-bindgen-test in headless Chromium
//! (webdriver.json starts it with a device pixel ratio of 2).
//!
//! Each test mounts the whole app into a fresh element with a start-up hash, as a reader
//! would open a link, then clicks, types and asserts on the rendered DOM and canvas.

#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use bulletin_viewer::app::{App, AppProps, Startup};
use bulletin_viewer::ptr::Ptr;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A mounted app; destroying it on drop keeps tests from seeing each other's DOM.
struct Mounted {
    root: Element,
    handle: Option<yew::AppHandle<App>>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        self.root.remove();
    }
}

/// The issue the tests read, parsed from its source (the viewer itself never parses: the
/// build writes data files it decodes).
fn the_issue() -> Rc<bulletin::model::Issue> {
    let source = include_str!("../bulletins/2023-06-30.md");
    let parsed = bulletin::parse::parse("bulletins/2023-06-30.md", source).expect("the issue parses");
    Rc::new(parsed.issue)
}

/// A page holding only that issue, as the single-file build is: every link stays on it.
fn single_file_site(issue: &bulletin::model::Issue) -> bulletin::site::Site {
    let date = issue.meta.date;
    bulletin::site::Site {
        kind: bulletin::site::PageKind::Single,
        issue: date,
        issue_data: format!("data/{}-0000000000000000.issue", date.iso()),
        issue_inline: None,
        older: None,
        newer: None,
        newest: None,
        archive: None,
    }
}

async fn mount(hash: &str) -> Mounted {
    let document = web_sys::window()
        .and_then(|window| window.document())
        .expect("a document");
    let root = document.create_element("div").expect("a div");
    document.body().expect("a body").append_child(&root).expect("appended");
    let issue = the_issue();
    let props = AppProps {
        site: Ptr::new(single_file_site(&issue)),
        issue: Ptr(issue),
        startup: Startup {
            hash: hash.to_string(),
            ..Startup::default()
        },
        hydrating: false,
    };
    let handle = yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    settle().await;
    Mounted {
        root,
        handle: Some(handle),
    }
}

/// Lets Yew finish rendering and the browser run a frame (layout, observers, effects).
async fn settle() {
    yew::scheduler::flush().await;
    for _ in 0..2 {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let callback = Closure::once_into_js(move || {
                let _ = resolve.call0(&JsValue::NULL);
            });
            let _ = web_sys::window()
                .expect("a window")
                .request_animation_frame(callback.unchecked_ref());
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        yew::scheduler::flush().await;
    }
}

/// Waits, a frame at a time, until every chart has drawn its canvas, and returns how many
/// frames that took. A canvas waits for its chart to come near the view, then for the browser
/// to be idle (at most 300 ms): each frame scrolls the first undrawn chart into view.
async fn charts_drawn(root: &Element) -> u32 {
    for frame in 0..240 {
        let Some(undrawn) = root.query_selector("figure.chart:has(canvas.undrawn)").ok().flatten() else {
            return frame;
        };
        undrawn.scroll_into_view();
        settle().await;
    }
    panic!("a chart's canvas was still undrawn after 240 frames");
}

fn one(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).expect("a valid selector");
    (0..list.length())
        .filter_map(|index| list.item(index))
        .filter_map(|node| node.dyn_into::<Element>().ok())
        .collect()
}

fn text(element: &Element) -> String {
    element.text_content().unwrap_or_default().trim().to_string()
}

/// The texts of one column of a table's body rows, in the order shown.
fn column(root: &Element, table: &str, index: usize) -> Vec<String> {
    all(root, &format!("#{table}--table tbody tr"))
        .iter()
        .filter_map(|row| row.children().item(index as u32))
        .map(|cell| text(&cell))
        .collect()
}

async fn click(element: &Element, shift: bool) {
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_shift_key(shift);
    let event = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).expect("an event");
    element.dispatch_event(&event).expect("dispatched");
    settle().await;
}

async fn click_header(root: &Element, table: &str, index: usize, shift: bool) {
    let header = one(root, &format!("#{table} thead th:nth-child({}) button", index + 1));
    click(&header, shift).await;
}

fn aria_sort(root: &Element, table: &str, index: usize) -> Option<String> {
    one(root, &format!("#{table} thead th:nth-child({})", index + 1)).get_attribute("aria-sort")
}

async fn type_into(input: &Element, value: &str) {
    let input: HtmlInputElement = input.clone().dyn_into().expect("an input");
    input.set_value(value);
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    let event = web_sys::InputEvent::new_with_event_init_dict("input", &init).expect("an event");
    input.dispatch_event(&event).expect("dispatched");
    settle().await;
}

#[wasm_bindgen_test]
async fn shows_title_date_and_contents() {
    let app = mount("").await;
    assert_eq!(text(&one(&app.root, "h1.series")), "중국 과학기술 정책 주간동향");
    assert_eq!(text(&one(&app.root, ".issue-date time")), "2023. 6. 30");
    let contents: Vec<String> = all(&app.root, "nav.contents .toc-article").iter().map(text).collect();
    assert_eq!(contents.len(), 8 + 6);
    assert_eq!(contents[0], "'22년 NSFC 사업 예산 및 분야 발표");
    assert_eq!(contents[5], "네이처 인덱스 2023, 중국 과학연구 우수논문 점유율 1위");
    assert_eq!(all(&app.root, "article.article").len(), 14);
    assert_eq!(all(&app.root, "table.data").len(), 7);
    assert_eq!(all(&app.root, "figure.figure").len(), 8);
}

#[wasm_bindgen_test]
async fn numeric_header_sorts_descending_then_ascending_then_printed() {
    let app = mount("").await;
    let table = "nsfc-programs";
    let printed = column(&app.root, table, 1);
    assert_eq!(printed[0], "일반 프로젝트");
    assert_eq!(aria_sort(&app.root, table, 3), None);

    click_header(&app.root, table, 3, false).await;
    let names = column(&app.root, table, 1);
    assert_eq!(names.first().map(String::as_str), Some("일반 프로젝트"));
    assert_eq!(names.last().map(String::as_str), Some("수학 티엔위엔(天元) 기금"));
    assert_eq!(column(&app.root, table, 3)[1], "662,800.00");
    assert_eq!(aria_sort(&app.root, table, 3).as_deref(), Some("descending"));

    click_header(&app.root, table, 3, false).await;
    let names = column(&app.root, table, 1);
    assert_eq!(names.first().map(String::as_str), Some("수학 티엔위엔(天元) 기금"));
    assert_eq!(names.last().map(String::as_str), Some("일반 프로젝트"));
    assert_eq!(aria_sort(&app.root, table, 3).as_deref(), Some("ascending"));

    click_header(&app.root, table, 3, false).await;
    assert_eq!(column(&app.root, table, 1), printed);
    assert_eq!(aria_sort(&app.root, table, 3), None);
}

#[wasm_bindgen_test]
async fn sub_figures_sort_by_the_main_figure_and_the_total_stays_last() {
    let app = mount("").await;
    let table = "nsfc-programs";
    click_header(&app.root, table, 2, false).await;
    click_header(&app.root, table, 2, false).await;
    let counts = column(&app.root, table, 2);
    // 16 (3) sorts as 16, the smallest count, and keeps its sub-figure on screen.
    assert_eq!(counts[0], "16 (3)");
    assert_eq!(counts[1], "43");
    let total: Vec<String> = all(&app.root, "#nsfc-programs--table tfoot tr > *")
        .iter()
        .map(text)
        .collect();
    assert_eq!(total, ["합계", "", "51,593", "3,269,921.35"]);
    assert!(one(&app.root, "#nsfc-programs--table")
        .last_element_child()
        .is_some_and(|last| last.tag_name() == "TFOOT"));
}

#[wasm_bindgen_test]
async fn text_column_sorts_in_korean_order() {
    let app = mount("").await;
    let table = "hurun-top10";
    click_header(&app.root, table, 1, false).await;
    assert_eq!(
        column(&app.root, table, 1),
        [
            "광저우",
            "베이징",
            "상하이",
            "선전",
            "쑤저우",
            "우한",
            "창저우",
            "청두",
            "톈진",
            "허페이"
        ]
    );
    assert_eq!(aria_sort(&app.root, table, 1).as_deref(), Some("ascending"));
}

#[wasm_bindgen_test]
async fn shift_click_adds_a_secondary_key() {
    let app = mount("").await;
    let table = "hurun-top10";
    // 종합 지수 descending: 베이징 and 창저우 tie at 85.6 and keep printed order.
    click_header(&app.root, table, 2, false).await;
    assert_eq!(&column(&app.root, table, 1)[3..5], ["베이징", "창저우"]);
    // Then 투자열 descending breaks the tie: 창저우 (92) before 베이징 (69).
    click_header(&app.root, table, 5, true).await;
    assert_eq!(&column(&app.root, table, 1)[3..5], ["창저우", "베이징"]);
    assert_eq!(aria_sort(&app.root, table, 2).as_deref(), Some("descending"));
    assert_eq!(
        text(&one(&app.root, "#hurun-top10 thead th:nth-child(6) .sort-arrow")),
        "▼2"
    );
}

#[wasm_bindgen_test]
async fn headers_are_keyboard_buttons_and_sorts_are_announced() {
    let app = mount("").await;
    let button: HtmlElement = one(&app.root, "#nsfc-major-plans thead th:nth-child(3) button")
        .dyn_into()
        .expect("html");
    assert_eq!(button.tag_name(), "BUTTON");
    button.focus().expect("focusable");
    let focused = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.active_element());
    let button_element: &Element = button.as_ref();
    assert!(focused.is_some_and(|element| element == *button_element));
    click(&button, false).await;
    let live = all(&app.root, "#nsfc-major-plans [aria-live]");
    assert!(live
        .iter()
        .any(|region| text(region) == "과제 수 내림차순으로 정렬했습니다."));
}

#[wasm_bindgen_test]
async fn filter_keeps_matching_rows_and_counts_them() {
    let app = mount("").await;
    let input = one(&app.root, "#nsfc-programs .filter input");
    type_into(&input, "기금").await;
    let names = column(&app.root, "nsfc-programs", 1);
    assert_eq!(names.len(), 7);
    assert!(names.iter().all(|name| name.contains("기금")));
    assert_eq!(text(&one(&app.root, "#nsfc-programs .row-count")), "7 / 17행");
    assert!(all(&app.root, "#nsfc-programs tfoot tr").len() == 1);
}

#[wasm_bindgen_test]
async fn a_link_restores_sort_and_filter() {
    let app = mount("#/table/nsfc-programs?sort=funding:asc&filter=%EA%B8%B0%EA%B8%88").await;
    let names = column(&app.root, "nsfc-programs", 1);
    assert_eq!(names.first().map(String::as_str), Some("수학 티엔위엔(天元) 기금"));
    assert_eq!(names.len(), 7);
    assert_eq!(aria_sort(&app.root, "nsfc-programs", 3).as_deref(), Some("ascending"));
    let input: HtmlInputElement = one(&app.root, "#nsfc-programs .filter input")
        .dyn_into()
        .expect("an input");
    assert_eq!(input.value(), "기금");
    assert!(one(&app.root, "#nsfc-programs").class_list().contains("is-target"));
}

#[wasm_bindgen_test]
async fn a_link_with_unknown_columns_says_what_it_ignored() {
    let app = mount("#/table/hurun-top10?sort=nope:asc,city:desc").await;
    assert_eq!(column(&app.root, "hurun-top10", 1)[0], "허페이");
    let notice = text(&one(&app.root, "#hurun-top10 .notice"));
    assert!(notice.contains("sort=nope:asc"), "{notice}");
}

#[wasm_bindgen_test]
async fn search_lists_results_by_article_with_highlights() {
    let app = mount("#/search?q=%E8%98%87%E5%B7%9E").await;
    assert_eq!(text(&one(&app.root, ".search-panel .result-count")), "검색 결과 3건");
    let marks: Vec<String> = all(&app.root, ".search-panel mark").iter().map(text).collect();
    assert_eq!(marks, ["蘇州", "蘇州", "蘇州"]);
    let groups: Vec<String> = all(&app.root, ".search-panel .result-group-title")
        .iter()
        .map(text)
        .collect();
    assert_eq!(groups, ["요약", "04 쑤저우(蘇州)시, 중국 신에너지산업 집중도 3위"]);
}

#[wasm_bindgen_test]
async fn typing_a_search_and_choosing_a_result_marks_it() {
    let app = mount("").await;
    let input = one(&app.root, "#search-input");
    type_into(&input, "허페이").await;
    let results = all(&app.root, ".search-panel a.result");
    assert_eq!(results.len(), 1);
    click(&results[0], false).await;
    assert!(app.root.query_selector(".search-panel").ok().flatten().is_none());
    let row = one(&app.root, "#hurun-top10--r10");
    assert!(row.class_list().contains("is-target"));
    assert!(text(&row).contains("허페이"));
}

#[wasm_bindgen_test]
async fn unknown_routes_show_not_found_with_a_way_back() {
    let app = mount("#/article/no-such-article").await;
    let section = one(&app.root, ".not-found");
    assert!(text(&section).contains("#/article/no-such-article"));
    assert_eq!(one(&section, "a").get_attribute("href").as_deref(), Some("#/"));
    let garbage = mount("#/%FF%FE/<script>").await;
    assert!(garbage.root.query_selector(".not-found").ok().flatten().is_some());
}

#[wasm_bindgen_test]
async fn every_chart_is_drawn_crisp_at_device_pixel_ratio_2() {
    let ratio = web_sys::window().expect("a window").device_pixel_ratio();
    assert_eq!(
        ratio, 2.0,
        "webdriver.json should start Chromium with a scale factor of 2"
    );
    let app = mount("").await;
    charts_drawn(&app.root).await;
    // Once the canvas is drawn, the SVG stand-in is gone and the canvas is shown.
    assert!(all(&app.root, "figure.chart svg").is_empty());
    let canvases = all(&app.root, "figure.chart canvas");
    assert_eq!(canvases.len(), 3);
    for canvas in canvases {
        let canvas: web_sys::HtmlCanvasElement = canvas.dyn_into().expect("a canvas");
        let css_width = canvas.get_bounding_client_rect().width();
        assert!(css_width > 100.0, "{css_width}");
        assert!(
            (f64::from(canvas.width()) - css_width * 2.0).abs() <= 2.0,
            "{} vs {css_width}",
            canvas.width()
        );
        let context: web_sys::CanvasRenderingContext2d = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .expect("a 2d context")
            .dyn_into()
            .expect("2d");
        let pixels = context
            .get_image_data(0.0, 0.0, f64::from(canvas.width()), f64::from(canvas.height()))
            .expect("pixels")
            .data();
        let inked = pixels
            .chunks(4)
            .filter(|pixel| pixel[0] < 200 || pixel[1] < 200 || pixel[2] < 200)
            .count();
        assert!(inked > 2_000, "{} has only {inked} drawn pixels", canvas.id());
    }
}

#[wasm_bindgen_test]
async fn charts_follow_the_tables_sort() {
    let app = mount("").await;
    let label = || {
        one(&app.root, "#nsfc-major-plans figure.chart canvas")
            .get_attribute("aria-label")
            .unwrap_or_default()
    };
    assert!(label().contains("27개 항목"), "{}", label());
    type_into(&one(&app.root, "#nsfc-major-plans .filter input"), "메커니즘").await;
    assert!(label().contains("5개 항목"), "{}", label());
    // The numbers-as-a-table twin lists the same rows in the same order as the table.
    let toggle = one(&app.root, "#nsfc-major-plans .chart-controls button[aria-expanded]");
    click(&toggle, false).await;
    let rows: Vec<String> = all(&app.root, "#nsfc-major-plans .chart-numbers tbody th")
        .iter()
        .map(text)
        .collect();
    assert_eq!(rows, column(&app.root, "nsfc-major-plans", 1));
}

#[wasm_bindgen_test]
fn a_data_file_decodes_in_webassembly_and_garbage_is_an_error() {
    let issue = the_issue();
    let bytes = bulletin::data_file::encode(&*issue).expect("encodes");
    let name = bulletin::data_file::file_name(bulletin::data_file::Kind::Issue, Some(issue.meta.date), &bytes);
    let decoded = bulletin::data_file::decode_issue(&name, &bytes, issue.meta.date).expect("decodes");
    assert_eq!(&decoded, &*issue);
    assert!(bulletin::data_file::decode_issue(&name, &[0xff, 0x00, 0x13], issue.meta.date).is_err());
}
