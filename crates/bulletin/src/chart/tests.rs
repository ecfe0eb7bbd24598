//! Tests of chart specs, layout, drawing, hit testing and the text alternative, on the real
//! issue's tables (and copies of them with edited cells for the edge cases).

use plotters_svg::SVGBackend;

use super::*;
use crate::model::Cell;
use crate::testing::table;

fn column(table: &Table, id: &str) -> ColumnId {
    table
        .column(id)
        .unwrap_or_else(|| panic!("no column {id} in {}", table.id.as_str()))
}

fn spec(table: &Table) -> ChartSpec {
    ChartSpec::for_table(table).unwrap_or_else(|| panic!("{} has no chart", table.id.as_str()))
}

fn all_rows(table: &Table) -> Vec<usize> {
    (0..table.rows.len()).collect()
}

/// The layout of `table` with the given rows; the metric is `funding` for the NSFC tables and
/// ignored for grouped ones.
fn lay_out(table: &Table, rows: &[usize], css_width: f64, scale: f64) -> ChartLayout {
    let spec = spec(table);
    let metric = table.column("funding").unwrap_or(spec.measures[0]);
    layout(
        table,
        &ChartRequest {
            spec: &spec,
            metric,
            rows,
            css_width,
            scale,
        },
    )
}

fn texts_with_role(layout: &ChartLayout, role: TextRole) -> Vec<&TextMark> {
    layout.texts.iter().filter(|text| text.role == role).collect()
}

fn value(table: &Table, row: usize, column: ColumnId) -> f64 {
    table.rows[row].cell(column).value().unwrap_or(f64::NAN)
}

fn label(table: &Table, row: usize) -> String {
    let spec = spec(table);
    table.rows[row].cell(spec.label).shown()
}

/// A copy of `table` with one cell replaced.
fn with_cell(table: &Table, row: usize, column: ColumnId, cell: Cell) -> Table {
    let mut edited = table.clone();
    edited.rows[row].cells[column.index()] = cell;
    edited
}

fn number(value: f64, shown: &str) -> Cell {
    Cell::Number(Number {
        value,
        sub: None,
        shown: shown.to_string(),
    })
}

// ---------------------------------------------------------------------------------------
// Chart specs.

#[track_caller]
fn check_spec(table_id: &str, expected: Option<(ChartKind, &str, &[&str])>) {
    let table = table(table_id);
    let expected = expected.map(|(kind, label, measures)| ChartSpec {
        kind,
        label: column(table, label),
        measures: measures.iter().map(|id| column(table, id)).collect(),
    });
    assert_eq!(ChartSpec::for_table(table), expected, "{table_id}");
}

#[test]
fn chart_specs_follow_the_columns() {
    check_spec(
        "nsfc-programs",
        Some((ChartKind::Bars, "program", &["projects", "funding"])),
    );
    check_spec(
        "nsfc-major-plans",
        Some((ChartKind::Bars, "plan", &["projects", "funding"])),
    );
    check_spec(
        "hurun-top10",
        Some((
            ChartKind::Grouped,
            "city",
            &["overall", "leading-firms", "smes", "investment"],
        )),
    );
    check_spec("sme-digital-sectors", None);
    check_spec("suzhou-parks", None);
    check_spec("digital-transformation-projects", None);
}

// ---------------------------------------------------------------------------------------
// Bars.

#[test]
fn funding_bars_in_printed_order() {
    let table = table("nsfc-programs");
    let funding = column(table, "funding");
    let layout = lay_out(table, &all_rows(table), 800.0, 1.0);
    assert_eq!(layout.bars.len(), 17);
    for (position, bar) in layout.bars.iter().enumerate() {
        assert_eq!(bar.row, position);
        assert_eq!(bar.series, 0);
        assert_eq!(bar.series_label, "직접비 금액(만 위안)");
        assert_eq!(bar.label, label(table, position));
    }
    // Bars go top to bottom in the given order.
    for pair in layout.bars.windows(2) {
        assert!(pair[0].rect.y1 <= pair[1].rect.y0, "{:?} above {:?}", pair[0], pair[1]);
    }
    // Longer bars for larger values, and 일반 프로젝트 the longest of all.
    for a in &layout.bars {
        for b in &layout.bars {
            if value(table, a.row, funding) > value(table, b.row, funding) {
                assert!(a.rect.width() >= b.rect.width(), "{} shorter than {}", a.label, b.label);
            }
        }
    }
    let longest = layout.bars.iter().max_by_key(|bar| bar.rect.width()).map(|bar| bar.row);
    assert_eq!(longest, Some(0));
    assert_eq!(layout.bars[0].label, "일반 프로젝트");
    assert!(layout.bars[0].rect.width() > layout.bars[5].rect.width());
}

#[test]
fn bars_follow_the_sorted_rows() {
    let table = table("nsfc-programs");
    let funding = column(table, "funding");
    let mut rows = all_rows(table);
    rows.sort_by(|&a, &b| value(table, b, funding).total_cmp(&value(table, a, funding)));
    let layout = lay_out(table, &rows, 800.0, 1.0);
    let drawn: Vec<usize> = layout.bars.iter().map(|bar| bar.row).collect();
    assert_eq!(drawn, rows);
    // The smallest figure is 수학 티엔위엔(天元) 기금's 6,000.00, just under 국제(지역)협력·교류's
    // 9402.30 (printed without a separator).
    assert_eq!(layout.bars[0].label, "일반 프로젝트");
    assert_eq!(layout.bars[15].label, "국제(지역)협력·교류");
    assert_eq!(layout.bars[15].value_shown, "9402.30");
    assert_eq!(layout.bars[16].label, "수학 티엔위엔(天元) 기금");
    assert_eq!(layout.bars[16].value_shown, "6,000.00");
    for pair in layout.bars.windows(2) {
        assert!(pair[0].rect.y0 < pair[1].rect.y0);
        assert!(pair[0].rect.width() >= pair[1].rect.width());
    }
    let categories: Vec<&str> = texts_with_role(&layout, TextRole::CategoryLabel)
        .iter()
        .map(|text| text.full.as_str())
        .collect();
    let expected: Vec<String> = rows.iter().map(|&row| label(table, row)).collect();
    assert_eq!(categories, expected);
}

#[test]
fn value_labels_are_the_printed_form() {
    let table = table("nsfc-programs");
    let layout = lay_out(table, &all_rows(table), 1200.0, 1.0);
    assert_eq!(layout.bars[6].value_shown, "126,000.00 (5,000)");
    assert_eq!(layout.bars[12].value_shown, "94,000.00 (17,000.00)");
    let values: Vec<&str> = texts_with_role(&layout, TextRole::ValueLabel)
        .iter()
        .map(|text| text.text.as_str())
        .collect();
    assert_eq!(values.len(), 17);
    assert_eq!(values[0], "1,087,845.00");
    assert_eq!(values[6], "126,000.00 (5,000)");
}

#[test]
fn sub_figures_do_not_change_bar_length() {
    // Bar lengths are proportional to the main figure: 126,000.00 (5,000) is drawn as 126,000.
    let table = table("nsfc-programs");
    let funding = column(table, "funding");
    let layout = lay_out(table, &all_rows(table), 1200.0, 2.0);
    let longest = f64::from(layout.bars[0].rect.width());
    for bar in &layout.bars {
        let expected = longest * value(table, bar.row, funding) / value(table, 0, funding);
        let width = f64::from(bar.rect.width());
        assert!(
            (width - expected).abs() <= 1.5,
            "{}: {width} px, expected {expected}",
            bar.label
        );
    }
}

#[test]
fn filtered_rows_give_exactly_their_bars() {
    let table = table("nsfc-programs");
    let rows = [16, 0, 6];
    let layout = lay_out(table, &rows, 600.0, 1.0);
    let drawn: Vec<usize> = layout.bars.iter().map(|bar| bar.row).collect();
    assert_eq!(drawn, rows);
    assert_eq!(texts_with_role(&layout, TextRole::CategoryLabel).len(), 3);
}

#[test]
fn the_metric_switch_chooses_the_column() {
    let table = table("nsfc-programs");
    let spec = spec(table);
    let rows = all_rows(table);
    let request = |metric| ChartRequest {
        spec: &spec,
        metric,
        rows: &rows,
        css_width: 600.0,
        scale: 1.0,
    };
    let projects = layout(table, &request(column(table, "projects")));
    assert_eq!(projects.bars[6].value_shown, "630 (25)");
    assert_eq!(projects.bars[6].series_label, "연구과제 수");
    // 청년 과학 기금 has the most projects.
    let longest = projects
        .bars
        .iter()
        .max_by_key(|bar| bar.rect.width())
        .map(|bar| bar.row);
    assert_eq!(longest, Some(5));
    // A column that is not measured falls back to the first measure.
    let fallback = layout(table, &request(column(table, "program")));
    assert_eq!(fallback, projects);
}

#[test]
fn the_default_metric_is_the_last_measure() {
    let table = table("nsfc-programs");
    let spec = spec(table);
    assert_eq!(spec.metric(None), Some(column(table, "funding")));
    assert_eq!(spec.drawn_columns(None), [column(table, "funding")]);
}

#[test]
fn a_chosen_measure_is_drawn() {
    let table = table("nsfc-programs");
    let spec = spec(table);
    let projects = column(table, "projects");
    assert_eq!(spec.metric(Some(projects)), Some(projects));
    assert_eq!(spec.drawn_columns(Some(projects)), [projects]);
}

#[test]
fn a_chosen_column_that_is_not_measured_gives_the_first_measure() {
    let table = table("nsfc-programs");
    let spec = spec(table);
    let program = column(table, "program");
    assert_eq!(spec.metric(Some(program)), Some(column(table, "projects")));
    assert_eq!(spec.drawn_columns(Some(program)), [column(table, "projects")]);
}

#[test]
fn grouped_charts_draw_every_measure_whatever_the_choice() {
    let table = table("hurun-top10");
    let spec = spec(table);
    let every = ["overall", "leading-firms", "smes", "investment"].map(|id| column(table, id));
    assert_eq!(spec.drawn_columns(None), every);
    assert_eq!(spec.drawn_columns(Some(column(table, "smes"))), every);
    assert_eq!(spec.drawn_columns(Some(column(table, "city"))), every);
}

#[test]
fn a_spec_without_measures_draws_nothing() {
    let spec = ChartSpec {
        kind: ChartKind::Bars,
        label: ColumnId(0),
        measures: Vec::new(),
    };
    assert_eq!(spec.metric(None), None);
    assert_eq!(spec.drawn_columns(Some(ColumnId(1))), []);
}

#[test]
fn funding_ticks_are_nice_and_separated() {
    let table = table("nsfc-programs");
    let layout = lay_out(table, &all_rows(table), 1200.0, 1.0);
    let ticks: Vec<&str> = texts_with_role(&layout, TextRole::TickLabel)
        .iter()
        .map(|text| text.text.as_str())
        .collect();
    assert_eq!(ticks, ["0", "250,000", "500,000", "750,000", "1,000,000", "1,250,000"]);
    let grid = layout.lines.iter().filter(|line| line.role == LineRole::Grid).count();
    assert_eq!(grid, 5);
}

#[test]
fn height_follows_the_rows() {
    let table = table("nsfc-programs");
    let all = lay_out(table, &all_rows(table), 600.0, 1.0);
    let three = lay_out(table, &[0, 1, 2], 600.0, 1.0);
    assert_eq!(all.css_height - three.css_height, 14.0 * 26.0);
    assert_eq!(f64::from(all.height), all.css_height);
}

#[test]
fn cells_without_a_figure_keep_their_band_but_get_no_bar() {
    let table = table("nsfc-programs");
    for cell in [Cell::Empty, Cell::Dash("-".into())] {
        let edited = with_cell(table, 3, column(table, "funding"), cell.clone());
        let layout = lay_out(&edited, &all_rows(&edited), 600.0, 1.0);
        assert_eq!(layout.bars.len(), 16, "{cell:?}");
        assert!(layout.bars.iter().all(|bar| bar.row != 3), "{cell:?}");
        assert_eq!(texts_with_role(&layout, TextRole::CategoryLabel).len(), 17, "{cell:?}");
        assert_eq!(texts_with_role(&layout, TextRole::ValueLabel).len(), 16, "{cell:?}");
        assert_eq!(
            layout.height,
            lay_out(table, &all_rows(table), 600.0, 1.0).height,
            "{cell:?}"
        );
    }
}

#[test]
fn negative_values_extend_the_axis_below_zero() {
    let table = table("nsfc-programs");
    let edited = with_cell(table, 2, column(table, "funding"), number(-400_000.0, "-400,000.00"));
    let layout = lay_out(&edited, &all_rows(&edited), 800.0, 1.0);
    let ticks: Vec<&str> = texts_with_role(&layout, TextRole::TickLabel)
        .iter()
        .map(|text| text.text.as_str())
        .collect();
    assert_eq!(ticks, ["-500,000", "0", "500,000", "1,000,000", "1,500,000"]);
    let axis: Vec<&LineMark> = layout.lines.iter().filter(|line| line.role == LineRole::Axis).collect();
    assert_eq!(axis.len(), 1);
    let zero_x = axis[0].from.0;
    for bar in &layout.bars {
        if bar.row == 2 {
            assert_eq!(bar.rect.x1, zero_x);
            assert!(bar.rect.x0 < zero_x);
        } else {
            assert_eq!(bar.rect.x0, zero_x, "{}", bar.label);
        }
    }
}

#[test]
fn a_negative_bar_without_room_for_its_value_labels_it_beyond_zero() {
    let table = table("nsfc-programs");
    let edited = with_cell(table, 2, column(table, "funding"), number(-400_000.0, "-400,000.00"));
    let layout = lay_out(&edited, &all_rows(&edited), 375.0, 2.0);
    check_fits(&layout, "negative at 375");
    let zero_x = layout
        .lines
        .iter()
        .find(|line| line.role == LineRole::Axis)
        .map(|line| line.from.0);
    let value = texts_with_role(&layout, TextRole::ValueLabel)[2];
    assert_eq!(value.text, "-400,000.00");
    assert!(Some(value.bounds().x0) > zero_x, "{:?} vs {zero_x:?}", value.bounds());
    // Thinned tick labels still include zero.
    let ticks: Vec<&str> = texts_with_role(&layout, TextRole::TickLabel)
        .iter()
        .map(|text| text.text.as_str())
        .collect();
    assert!(ticks.contains(&"0"), "{ticks:?}");
}

#[test]
fn long_labels_are_shortened_with_an_ellipsis() {
    let table = table("nsfc-programs");
    let long = "가".repeat(40);
    let edited = with_cell(table, 0, spec(table).label, Cell::Text(long.clone()));
    for css_width in [300.0, 1200.0] {
        let layout = lay_out(&edited, &all_rows(&edited), css_width, 1.0);
        let first = texts_with_role(&layout, TextRole::CategoryLabel)[0];
        assert!(first.text.ends_with('…'), "{:?}", first.text);
        assert!(first.text.chars().count() < 40);
        assert_eq!(first.full, long);
        assert_eq!(layout.bars[0].label, long);
        // The shortened label still ends at the bars' left edge, not past it.
        assert!(first.bounds().x1 <= layout.bars[0].rect.x0);
    }
}

// ---------------------------------------------------------------------------------------
// Grouped.

#[test]
fn hurun_cities_are_grouped_by_index() {
    let table = table("hurun-top10");
    let layout = lay_out(table, &all_rows(table), 800.0, 1.0);
    assert_eq!(layout.bars.len(), 40);
    assert_eq!(layout.legend.len(), 4);
    let legend: Vec<usize> = layout.legend.iter().map(|entry| entry.series).collect();
    assert_eq!(legend, [0, 1, 2, 3]);
    assert_eq!(layout.legend[1].label, "신에너지 우수기업 집중 지수");
    assert_eq!(texts_with_role(&layout, TextRole::LegendLabel).len(), 4);
    for series in 0..4 {
        assert_eq!(layout.bars.iter().filter(|bar| bar.series == series).count(), 10);
    }
    let first_group: Vec<(usize, usize, &str)> = layout.bars[..4]
        .iter()
        .map(|bar| (bar.row, bar.series, bar.label.as_str()))
        .collect();
    assert_eq!(
        first_group,
        [(0, 0, "선전"), (0, 1, "선전"), (0, 2, "선전"), (0, 3, "선전")]
    );
    assert_eq!(layout.bars[0].value_shown, "88.1");
    // Groups go left to right in row order, and the taller column has the larger index.
    for pair in layout.bars.windows(2) {
        assert!(pair[0].rect.x0 < pair[1].rect.x0);
    }
    let shenzhen_smes = &layout.bars[2];
    let shenzhen_investment = &layout.bars[3];
    assert!(shenzhen_smes.rect.height() > shenzhen_investment.rect.height());
    assert_eq!(shenzhen_smes.rect.y1, shenzhen_investment.rect.y1);
    let categories: Vec<&str> = texts_with_role(&layout, TextRole::CategoryLabel)
        .iter()
        .map(|text| text.text.as_str())
        .collect();
    assert_eq!(
        categories,
        [
            "선전",
            "상하이",
            "쑤저우",
            "베이징",
            "창저우",
            "광저우",
            "우한",
            "청두",
            "톈진",
            "허페이"
        ]
    );
}

#[test]
fn grouped_legend_wraps_on_narrow_screens() {
    let table = table("hurun-top10");
    let wide = lay_out(table, &all_rows(table), 1200.0, 1.0);
    let narrow = lay_out(table, &all_rows(table), 300.0, 1.0);
    let lines = |layout: &ChartLayout| {
        let mut tops: Vec<i32> = layout.legend.iter().map(|entry| entry.swatch.y0).collect();
        tops.dedup();
        tops.len()
    };
    assert_eq!(lines(&wide), 1);
    assert!(lines(&narrow) >= 2);
    assert!(narrow.css_height > wide.css_height);
    assert!((300.0..=340.0).contains(&wide.css_height), "{}", wide.css_height);
}

// ---------------------------------------------------------------------------------------
// Sizes: HiDPI, narrow screens, overlaps.

#[test]
fn hidpi_layout_is_the_same_chart_twice_as_large() {
    for table_id in ["nsfc-programs", "nsfc-major-plans", "hurun-top10"] {
        let table = table(table_id);
        for css_width in [300.0, 375.5, 1200.0] {
            let single = lay_out(table, &all_rows(table), css_width, 1.0);
            let double = lay_out(table, &all_rows(table), css_width, 2.0);
            assert!((i64::from(double.width) - 2 * i64::from(single.width)).abs() <= 1);
            assert!((i64::from(double.height) - 2 * i64::from(single.height)).abs() <= 1);
            assert_eq!(double.css_height, single.css_height);
            assert_eq!(double.bars.len(), single.bars.len());
            assert_eq!(double.texts.len(), single.texts.len());
            for (one, two) in single.bars.iter().zip(&double.bars) {
                assert!((two.rect.x0 - 2 * one.rect.x0).abs() <= 1, "{table_id} {}", one.label);
                assert!((two.rect.y1 - 2 * one.rect.y1).abs() <= 1, "{table_id} {}", one.label);
            }
        }
    }
}

/// Every text and bar lies on the canvas, no two bars or texts overlap, and no text but a
/// value label (inside its own bar) overlaps a bar.
#[track_caller]
fn check_fits(layout: &ChartLayout, context: &str) {
    let width = i32::try_from(layout.width).unwrap_or(i32::MAX);
    let height = i32::try_from(layout.height).unwrap_or(i32::MAX);
    let inside = |rect: &Rect| rect.x0 >= 0 && rect.y0 >= 0 && rect.x1 <= width && rect.y1 <= height;
    for bar in &layout.bars {
        assert!(inside(&bar.rect), "{context}: bar {} at {:?}", bar.label, bar.rect);
    }
    for (index, a) in layout.bars.iter().enumerate() {
        for b in &layout.bars[index + 1..] {
            assert!(!a.rect.overlaps(&b.rect), "{context}: bars {a:?} and {b:?} overlap");
        }
    }
    for entry in &layout.legend {
        assert!(inside(&entry.swatch), "{context}: swatch {:?}", entry.swatch);
    }
    let texts: Vec<(&TextMark, Rect)> = layout
        .texts
        .iter()
        .filter(|text| !text.text.is_empty())
        .map(|text| (text, text.bounds()))
        .collect();
    for (text, bounds) in &texts {
        assert!(inside(bounds), "{context}: {:?} at {bounds:?}", text.text);
    }
    for (index, (a, a_bounds)) in texts.iter().enumerate() {
        for (b, b_bounds) in &texts[index + 1..] {
            assert!(
                !a_bounds.overlaps(b_bounds),
                "{context}: {:?} {a_bounds:?} overlaps {:?} {b_bounds:?}",
                a.text,
                b.text
            );
        }
        if a.role != TextRole::ValueLabel {
            for bar in &layout.bars {
                assert!(
                    !a_bounds.overlaps(&bar.rect),
                    "{context}: {:?} overlaps the bar of {}",
                    a.text,
                    bar.label
                );
            }
        }
    }
}

#[test]
fn nothing_overlaps_or_leaves_the_canvas() {
    for table_id in ["nsfc-programs", "nsfc-major-plans", "hurun-top10"] {
        let table = table(table_id);
        for css_width in [300.0, 320.0, 375.0, 414.0, 768.0, 1024.0, 1200.0] {
            for scale in [1.0, 1.5, 2.0, 3.0] {
                let layout = lay_out(table, &all_rows(table), css_width, scale);
                check_fits(&layout, &format!("{table_id} at {css_width} × {scale}"));
                let categories = texts_with_role(&layout, TextRole::CategoryLabel);
                assert_eq!(categories.len(), table.rows.len());
            }
        }
    }
}

#[test]
fn value_labels_stay_beside_or_inside_their_bar() {
    let table = table("nsfc-programs");
    for css_width in [300.0, 1200.0] {
        let layout = lay_out(table, &all_rows(table), css_width, 1.0);
        let values = texts_with_role(&layout, TextRole::ValueLabel);
        for (bar, text) in layout.bars.iter().zip(values) {
            assert_eq!(text.full, bar.value_shown);
            let bounds = text.bounds();
            assert!(bounds.y0 >= bar.rect.y0 - 1 && bounds.y1 <= bar.rect.y1 + 1);
            let beside = bounds.x0 >= bar.rect.x1;
            let inside = bounds.x0 >= bar.rect.x0 && bounds.x1 <= bar.rect.x1;
            assert!(
                beside || inside,
                "{css_width}: {:?} {bounds:?} for {:?}",
                text.text,
                bar.rect
            );
        }
    }
    // On a phone the longest bar reaches the right edge, so its value goes inside it.
    let phone = lay_out(table, &all_rows(table), 300.0, 1.0);
    let first_value = texts_with_role(&phone, TextRole::ValueLabel)[0];
    assert_eq!(first_value.anchor.horizontal, Horizontal::Right);
    assert_eq!(first_value.text, "1,087,845.00");
}

// ---------------------------------------------------------------------------------------
// Edge cases.

#[test]
fn odd_requests_do_not_panic() {
    let nsfc = table("nsfc-programs");
    let funding = column(nsfc, "funding");
    let zeros = {
        let mut edited = nsfc.clone();
        for row in &mut edited.rows {
            row.cells[funding.index()] = number(0.0, "0");
        }
        edited
    };
    let huge = with_cell(nsfc, 0, funding, number(1e15, "1,000,000,000,000,000"));
    let enormous = with_cell(nsfc, 0, funding, number(1e300, "1e300"));
    let tiny = with_cell(&zeros, 0, funding, number(1e-310, "0.000…"));
    let tables = [nsfc, table("hurun-top10"), &zeros, &huge, &enormous, &tiny];
    let row_lists: [&[usize]; 5] = [&[], &[0], &[999], &[0, 999, 1, usize::MAX], &[3, 3, 3]];
    for table in tables {
        for rows in row_lists {
            for css_width in [0.0, -50.0, f64::NAN, f64::INFINITY, 1.0, 300.0] {
                for scale in [0.0, -1.0, f64::NAN, f64::INFINITY, 1.0, 2.0, 3.0, 100.0] {
                    let layout = lay_out(table, rows, css_width, scale);
                    let context = format!("{} rows {rows:?} at {css_width} × {scale}", table.id.as_str());
                    check_fits(&layout, &context);
                    let valid_rows = rows.iter().filter(|&&row| row < table.rows.len()).count();
                    let per_row = if table.id.as_str() == "hurun-top10" { 4 } else { 1 };
                    assert_eq!(layout.bars.len(), valid_rows * per_row, "{context}");
                    assert!(layout.width >= 1 && layout.height >= 1, "{context}");
                    let _ = hit_test(&layout, 10.0, 10.0, scale);
                    let _ = describe(
                        table,
                        &ChartRequest {
                            spec: &spec(table),
                            metric: funding,
                            rows,
                            css_width,
                            scale,
                        },
                        Wording::English,
                    );
                }
            }
        }
    }
}

#[test]
fn an_empty_chart_still_has_its_axis() {
    for table_id in ["nsfc-programs", "hurun-top10"] {
        let table = table(table_id);
        let layout = lay_out(table, &[], 300.0, 2.0);
        assert!(layout.bars.is_empty());
        assert!(texts_with_role(&layout, TextRole::CategoryLabel).is_empty());
        assert!(texts_with_role(&layout, TextRole::TickLabel).len() >= 4);
        assert!(layout.lines.iter().any(|line| line.role == LineRole::Axis));
        let mut svg = String::new();
        draw_svg(&layout, &Palette::DARK, &mut svg);
        assert!(svg.contains("<line"));
    }
}

#[test]
fn all_zero_values_stand_on_the_axis() {
    let table = table("nsfc-programs");
    let funding = column(table, "funding");
    let mut zeros = table.clone();
    for row in &mut zeros.rows {
        row.cells[funding.index()] = number(0.0, "0");
    }
    let layout = lay_out(&zeros, &all_rows(&zeros), 600.0, 1.0);
    assert_eq!(layout.bars.len(), 17);
    assert!(layout.bars.iter().all(|bar| bar.rect.width() == 0));
    assert_eq!(texts_with_role(&layout, TextRole::ValueLabel).len(), 17);
}

#[test]
fn sizes_are_clamped() {
    let table = table("nsfc-programs");
    let narrow = lay_out(table, &all_rows(table), -10.0, 0.0);
    assert_eq!(narrow.width, MIN_CSS_WIDTH as u32);
    assert_eq!(narrow.scale, 1.0);
    let wide = lay_out(table, &all_rows(table), 1e9, 100.0);
    assert_eq!(wide.width, (MAX_CSS_WIDTH * SCALE_RANGE.1) as u32);
}

// ---------------------------------------------------------------------------------------
// Drawing.

fn draw_svg(layout: &ChartLayout, palette: &Palette, svg: &mut String) {
    let mut backend = SVGBackend::with_string(svg, (layout.width, layout.height));
    if let Err(error) = draw(layout, palette, &mut backend) {
        panic!("drawing failed: {error}");
    }
}

fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("#{r:02X}{g:02X}{b:02X}")
}

/// How many filled rectangles of this colour the SVG holds.
fn filled_rects(svg: &str, colour: (u8, u8, u8)) -> usize {
    let fill = format!("fill=\"{}\"", hex(colour));
    svg.lines()
        .filter(|line| line.starts_with("<rect") && line.contains(&fill))
        .count()
}

#[test]
fn svg_holds_every_bar_and_label_in_row_order() {
    let table = table("nsfc-programs");
    let funding = column(table, "funding");
    let mut rows = all_rows(table);
    rows.sort_by(|&a, &b| value(table, a, funding).total_cmp(&value(table, b, funding)));
    let layout = lay_out(table, &rows, 1200.0, 2.0);
    let mut svg = String::new();
    draw_svg(&layout, &Palette::LIGHT, &mut svg);

    assert!(svg.contains(&format!("width=\"{}\"", layout.width)));
    assert_eq!(filled_rects(&svg, Palette::LIGHT.series[0]), layout.bars.len());
    assert_eq!(filled_rects(&svg, Palette::LIGHT.background), 1);
    assert_eq!(svg.matches("<text").count(), layout.texts.len());
    assert!(svg.contains("Noto Sans CJK KR"));

    let mut previous = 0;
    for &row in &rows {
        let label = label(table, row);
        let Some(at) = svg.find(&format!("{label}\n")) else {
            panic!("{label} is not in the SVG");
        };
        assert!(at > previous, "{label} is out of order");
        previous = at;
    }
    assert!(svg.contains("126,000.00 (5,000)"));
}

#[test]
fn svg_of_grouped_columns_uses_one_colour_a_series() {
    let table = table("hurun-top10");
    let layout = lay_out(table, &all_rows(table), 800.0, 1.0);
    for palette in [Palette::LIGHT, Palette::DARK] {
        let mut svg = String::new();
        draw_svg(&layout, &palette, &mut svg);
        for colour in palette.series {
            // Ten columns and one legend swatch a series.
            assert_eq!(filled_rects(&svg, colour), 11);
        }
        assert!(svg.contains("신에너지 투자열 집중 지수"));
        assert!(svg.contains("허페이"));
    }
}

/// The WCAG contrast ratio of two colours.
fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let luminance = |(r, g, b): (u8, u8, u8)| 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[test]
fn palettes_keep_text_readable_on_and_beside_bars() {
    for palette in [Palette::LIGHT, Palette::DARK] {
        assert!(contrast(palette.text, palette.background) >= 7.0);
        assert!(contrast(palette.muted, palette.background) >= 4.5);
        for colour in palette.series {
            assert!(
                contrast(colour, palette.background) >= 3.0,
                "{colour:?} on the background"
            );
            assert!(contrast(colour, palette.text) >= 3.0, "text on {colour:?}");
        }
    }
}

// ---------------------------------------------------------------------------------------
// Hit testing and the text alternative.

#[test]
fn hit_test_finds_the_bar_under_the_pointer() {
    for table_id in ["nsfc-programs", "hurun-top10"] {
        let table = table(table_id);
        let scale = 2.0;
        let layout = lay_out(table, &all_rows(table), 375.0, scale);
        for (index, bar) in layout.bars.iter().enumerate() {
            let css_x = f64::from(bar.rect.x0 + bar.rect.x1) / 2.0 / scale;
            let css_y = f64::from(bar.rect.y0 + bar.rect.y1) / 2.0 / scale;
            let hit = hit_test(&layout, css_x, css_y, scale);
            assert_eq!(hit, Some(&layout.bars[index]), "{table_id} bar {index}");
        }
        assert_eq!(hit_test(&layout, 1.0, 1.0, scale), None);
        let bottom_right = (f64::from(layout.width) - 2.0, f64::from(layout.height) - 2.0);
        assert_eq!(
            hit_test(&layout, bottom_right.0 / scale, bottom_right.1 / scale, scale),
            None
        );
        assert_eq!(hit_test(&layout, f64::NAN, 10.0, scale), None);
    }
}

#[test]
fn hit_test_tolerates_a_near_miss_on_a_thin_bar() {
    let table = table("nsfc-programs");
    let layout = lay_out(table, &all_rows(table), 300.0, 1.0);
    // 수학 티엔위엔(天元) 기금, 6,000 of 1,250,000, is a bar about one pixel long.
    let thin = &layout.bars[14];
    assert!(thin.rect.width() <= 2, "{:?}", thin.rect);
    let y = f64::from(thin.rect.y0 + thin.rect.y1) / 2.0;
    let near = hit_test(&layout, f64::from(thin.rect.x1) + 2.0, y, 1.0);
    assert_eq!(near.map(|bar| bar.row), Some(14));
    let far = hit_test(&layout, f64::from(thin.rect.x1) + 10.0, y, 1.0);
    assert_eq!(far, None);
}

#[test]
fn descriptions_name_the_count_and_the_extremes() {
    let nsfc = table("nsfc-programs");
    let rows = all_rows(nsfc);
    let nsfc_spec = spec(nsfc);
    let request = ChartRequest {
        spec: &nsfc_spec,
        metric: column(nsfc, "funding"),
        rows: &rows,
        css_width: 600.0,
        scale: 1.0,
    };
    assert_eq!(
        describe(nsfc, &request, Wording::Korean),
        "가로 막대 그래프: 직접비 금액(만 위안), 17개 항목. \
         최댓값 일반 프로젝트 1,087,845.00, 최솟값 수학 티엔위엔(天元) 기금 6,000.00."
    );
    let subset = [6, 14];
    let subset_request = ChartRequest {
        rows: &subset,
        metric: column(nsfc, "projects"),
        ..request
    };
    assert_eq!(
        describe(nsfc, &subset_request, Wording::Korean),
        "가로 막대 그래프: 연구과제 수, 2개 항목. \
         최댓값 우수 청년 과학 기금 (홍콩-마카오 지역) 630 (25), 최솟값 수학 티엔위엔(天元) 기금 95."
    );
    let empty_request = ChartRequest { rows: &[], ..request };
    assert_eq!(
        describe(nsfc, &empty_request, Wording::Korean),
        "가로 막대 그래프: 직접비 금액(만 위안), 0개 항목. 표시할 값이 없습니다."
    );

    let hurun = table("hurun-top10");
    let hurun_rows = all_rows(hurun);
    let hurun_spec = spec(hurun);
    let grouped = ChartRequest {
        spec: &hurun_spec,
        metric: hurun_spec.measures[0],
        rows: &hurun_rows,
        css_width: 600.0,
        scale: 1.0,
    };
    assert_eq!(
        describe(hurun, &grouped, Wording::Korean),
        "세로 묶은 막대 그래프: 종합 지수, 신에너지 우수기업 집중 지수, 신에너지 중소기업 집중 지수, \
         신에너지 투자열 집중 지수, 10개 항목, 막대 40개. \
         최댓값 선전 신에너지 중소기업 집중 지수 98, 최솟값 베이징 신에너지 투자열 집중 지수 69."
    );

    // The same facts in English, the table's own words kept.
    assert_eq!(
        describe(nsfc, &request, Wording::English),
        "Horizontal bar chart: 직접비 금액(만 위안), 17 items. \
         Largest 일반 프로젝트 1,087,845.00, smallest 수학 티엔위엔(天元) 기금 6,000.00."
    );
    let one = [6];
    assert_eq!(
        describe(nsfc, &ChartRequest { rows: &one, ..subset_request }, Wording::English),
        "Horizontal bar chart: 연구과제 수, 1 item. \
         Largest 우수 청년 과학 기금 (홍콩-마카오 지역) 630 (25), smallest 우수 청년 과학 기금 (홍콩-마카오 지역) 630 (25)."
    );
    assert_eq!(
        describe(nsfc, &empty_request, Wording::English),
        "Horizontal bar chart: 직접비 금액(만 위안), 0 items. No values to show."
    );
    assert_eq!(
        describe(hurun, &grouped, Wording::English),
        "Grouped column chart: 종합 지수, 신에너지 우수기업 집중 지수, 신에너지 중소기업 집중 지수, \
         신에너지 투자열 집중 지수, 10 items, 40 bars. \
         Largest 선전 신에너지 중소기업 집중 지수 98, smallest 베이징 신에너지 투자열 집중 지수 69."
    );
}

#[test]
fn a_description_calls_a_column_what_the_interface_calls_it() {
    let table = table("nsfc-programs");
    let spec = spec(table);
    let rows = all_rows(table);
    let request = ChartRequest {
        spec: &spec,
        metric: column(table, "funding"),
        rows: &rows,
        css_width: 708.0,
        scale: 1.0,
    };
    let name = |column: &Column| {
        (column.id.as_str() == "funding").then(|| SeriesName {
            heading: "Direct funding (10,000 yuan)".to_string(),
            label: "Direct funding".to_string(),
        })
    };
    let named = describe_naming(table, &request, Wording::English, &name);
    assert!(
        named.starts_with("Horizontal bar chart: Direct funding (10,000 yuan), 17 items."),
        "{named}"
    );
    assert_eq!(
        named.replace("Direct funding (10,000 yuan)", "직접비 금액(만 위안)"),
        describe(table, &request, Wording::English)
    );
}

#[test]
fn long_tables_chart_their_first_rows_and_say_how_many_are_left_out() {
    let nsfc = table("nsfc-major-plans");
    let mut long = nsfc.clone();
    while long.rows.len() < 1_000 {
        long.rows.extend(nsfc.rows.iter().cloned());
    }
    let rows = all_rows(&long);
    let laid_out = lay_out(&long, &rows, 900.0, 2.0);
    assert_eq!(laid_out.bars.len(), MAX_ROWS);
    assert_eq!(laid_out.omitted, long.rows.len() - MAX_ROWS);
    // The drawn rows are the first ones in the requested order.
    assert_eq!(laid_out.bars.first().map(|bar| bar.row), rows.first().copied());
    assert!(
        laid_out.height < 32_767,
        "a canvas this tall cannot be drawn: {}",
        laid_out.height
    );
    let spec = spec(&long);
    let funding = column(&long, "funding");
    let request = ChartRequest {
        spec: &spec,
        metric: funding,
        rows: &rows,
        css_width: 900.0,
        scale: 2.0,
    };
    assert!(describe(&long, &request, Wording::Korean)
        .contains(&format!("처음 {MAX_ROWS}개만 그림, 전체 {}개", long.rows.len())));
}

// ---- SVG for the pre-rendered page ----------------------------------------------------------

#[test]
fn svg_has_every_mark_of_the_layout_with_its_role() {
    for id in ["nsfc-programs", "nsfc-major-plans", "hurun-top10"] {
        let table = table(id);
        let layout = lay_out(table, &all_rows(table), 708.0, 1.0);
        let svg = svg(&layout, "설명");
        let bars = svg.matches("<rect class=\"chart-s").count();
        assert_eq!(bars, layout.bars.len() + layout.legend.len(), "{id}");
        let texts = layout.texts.iter().filter(|text| !text.text.is_empty()).count();
        assert_eq!(svg.matches("<text ").count(), texts, "{id}");
        assert_eq!(svg.matches("<line ").count(), layout.lines.len(), "{id}");
        let view_box = format!("viewBox=\"0 0 {} {}\"", layout.width, layout.height);
        assert!(svg.starts_with("<svg class=\"chart-svg\" "), "{id}: {}", &svg[..60]);
        assert!(svg.contains(&view_box), "{id}: {view_box}");
        assert!(svg.contains("role=\"img\" aria-label=\"설명\""), "{id}");
        assert!(svg.ends_with("</svg>"), "{id}");
    }
}

#[test]
fn svg_is_in_css_pixels_whatever_the_scale() {
    let table = table("nsfc-programs");
    let at_two = lay_out(table, &all_rows(table), 708.0, 2.0);
    let svg = svg(&at_two, "");
    let view_box = format!("viewBox=\"0 0 {} {}\"", at_two.width / 2, at_two.height / 2);
    assert!(svg.contains(&view_box), "{view_box} in {}", &svg[..120]);
}

#[test]
fn svg_labels_follow_the_row_order() {
    let table = table("nsfc-programs");
    let mut rows = all_rows(table);
    rows.reverse();
    let layout = lay_out(table, &rows, 708.0, 1.0);
    let svg = svg(&layout, "");
    let first = label(table, rows[0]);
    let last = label(table, *rows.last().unwrap_or(&0));
    let (Some(at_first), Some(at_last)) = (svg.find(&first), svg.find(&last)) else {
        panic!("{first} or {last} missing from the SVG");
    };
    assert!(at_first < at_last, "{first} should come before {last}");
}

#[test]
fn svg_escapes_text_from_the_source() {
    let table = table("nsfc-programs");
    let hostile = "<img src=x onerror=alert(1)> & \"q\"";
    let edited = with_cell(table, 0, spec(table).label, Cell::Text(hostile.to_string()));
    let layout = lay_out(&edited, &all_rows(&edited), 708.0, 1.0);
    let svg = svg(&layout, hostile);
    assert!(!svg.contains("<img"), "{svg}");
    assert!(
        svg.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot;"),
        "the label, escaped"
    );
}

// ---------------------------------------------------------------------------------------
// Exported charts.

fn frame(table: &Table) -> Frame {
    Frame {
        title: format!("〈{}〉", table.caption),
        subtitle: "직접비 금액(만 위안)".to_string(),
        notes: vec![
            "출처: 2022年度国家自然科学基金项目申请评审与资助工作综述".to_string(),
            "발행일: 2023. 6. 30 · 중국 과학기술 정책 주간동향".to_string(),
        ],
    }
}

fn export(table: &Table, css_width: f64, scale: f64) -> ChartLayout {
    let spec = spec(table);
    let rows = all_rows(table);
    let metric = table.column("funding").unwrap_or(spec.measures[0]);
    let request = ChartRequest {
        spec: &spec,
        metric,
        rows: &rows,
        css_width,
        scale,
    };
    export_layout(table, &request, &frame(table))
}

#[test]
fn an_exported_chart_carries_its_title_measure_source_and_issue() {
    let table = table("nsfc-programs");
    let layout = export(table, 800.0, 2.0);
    let frame = frame(table);
    let whole = |role: TextRole| -> Vec<String> {
        let mut parts: Vec<String> = Vec::new();
        for text in texts_with_role(&layout, role) {
            if parts.last() != Some(&text.full) {
                parts.push(text.full.clone());
            }
        }
        parts
    };
    assert_eq!(whole(TextRole::Title), std::slice::from_ref(&frame.title));
    assert_eq!(whole(TextRole::Subtitle), std::slice::from_ref(&frame.subtitle));
    assert_eq!(whole(TextRole::Footnote), frame.notes);
    // Above the chart, and below it.
    let top_of = |role: TextRole| {
        texts_with_role(&layout, role)
            .iter()
            .map(|text| text.y)
            .min()
            .unwrap_or(0)
    };
    let bottom_of = |role: TextRole| {
        texts_with_role(&layout, role)
            .iter()
            .map(|text| text.bounds().y1)
            .max()
            .unwrap_or(0)
    };
    let bars_top = layout.bars.iter().map(|bar| bar.rect.y0).min().unwrap_or(0);
    let chart_bottom = layout
        .texts
        .iter()
        .filter(|text| text.role == TextRole::TickLabel)
        .map(|text| text.bounds().y1)
        .max()
        .unwrap_or(0);
    assert!(
        bottom_of(TextRole::Subtitle) < bars_top,
        "the title and measure are above the bars"
    );
    assert!(
        top_of(TextRole::Footnote) > chart_bottom,
        "the notes are below the axis"
    );
    check_fits(&layout, "exported at 800 × 2");
    // The same chart as on screen, lower down and no narrower.
    let on_screen = lay_out(table, &all_rows(table), 800.0, 2.0);
    assert_eq!(layout.width, on_screen.width);
    assert!(layout.height > on_screen.height);
    assert_eq!(layout.bars.len(), on_screen.bars.len());
}

#[test]
fn an_exported_chart_wraps_its_long_labels_instead_of_cutting_them() {
    for table_id in ["nsfc-programs", "nsfc-major-plans"] {
        let table = table(table_id);
        for css_width in [320.0, 800.0] {
            let layout = export(table, css_width, 2.0);
            let categories = texts_with_role(&layout, TextRole::CategoryLabel);
            assert!(
                categories.iter().all(|text| !text.text.contains('…')),
                "{table_id} at {css_width}: a label is cut"
            );
            // Every label's characters are there, on its lines in order (a word wider than the
            // column is broken inside it).
            let letters = |text: &str| text.split_whitespace().collect::<String>();
            for row in 0..table.rows.len() {
                let full = label(table, row);
                let lines: String = categories
                    .iter()
                    .filter(|text| text.full == full)
                    .map(|text| letters(&text.text))
                    .collect();
                assert_eq!(lines, letters(&full), "{table_id} at {css_width}");
            }
            check_fits(&layout, &format!("{table_id} exported at {css_width}"));
        }
    }
    // The label the issue's readers found cut: on screen it is, in the export it is not.
    let table = table("nsfc-programs");
    let long = (0..table.rows.len())
        .map(|row| label(table, row))
        .max_by_key(|label| label.chars().count())
        .unwrap_or_default();
    // At the width the text column gives a chart on a wide screen.
    let on_screen = lay_out(table, &all_rows(table), 708.0, 2.0);
    assert!(texts_with_role(&on_screen, TextRole::CategoryLabel)
        .iter()
        .any(|text| text.full == long && text.text.ends_with('…')));
    let exported = export(table, 708.0, 2.0);
    assert!(
        texts_with_role(&exported, TextRole::CategoryLabel)
            .iter()
            .filter(|text| text.full == long)
            .count()
            > 1
    );
}

#[test]
fn an_exported_chart_draws_its_title_in_bold_and_every_text() {
    let table = table("nsfc-programs");
    let layout = export(table, 800.0, 1.0);
    let mut svg = String::new();
    draw_svg(&layout, &Palette::LIGHT, &mut svg);
    assert_eq!(
        svg.matches("<text").count(),
        layout.texts.iter().filter(|text| !text.text.is_empty()).count()
    );
    assert!(svg.contains("bold"), "the title is bold");
    assert!(svg.contains("2022年度国家自然科学基金"), "the source is drawn");
    assert!(svg.contains("2023. 6. 30"), "the issue's date is drawn");
    assert_eq!(file_name("2023-06-30", table), "2023-06-30-nsfc-programs-chart.png");
}
