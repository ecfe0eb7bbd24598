//! The interface's words, in Korean (the reading language) and English.
//!
//! The bulletin's own text is never translated; only the controls and labels around it
//! are. Every string is a field of [`Strings`], so a missing translation is a compile error.
//!
//! Some labels are the publication's words that frame the issue rather than its text: its
//! parts (정책동향), its categories (기술전략), the colophon's labels (발행일), the total row's
//! label (합계) and the headings of the figures a chart measures. The interface knows the usual
//! ones and gives their English ([`TERMS`]); one it does not know stays as printed, in Korean.

use bulletin::chart::SeriesName;
use bulletin::model::{Column, Meta};
use bulletin::unit::Unit;

/// The interface language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// 한국어, the default.
    #[default]
    Ko,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 code, for `<html lang>` and storage.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ko => "ko",
            Lang::En => "en",
        }
    }

    /// The `lang` attribute an interface string needs inside the issue's text, which is marked
    /// Korean (`lang="ko"`) whatever the interface's language: none when the interface is
    /// Korean too.
    pub fn inside_issue(self) -> Option<&'static str> {
        (self != Lang::Ko).then_some(self.code())
    }

    /// `attributes` and, when the interface is not Korean, its `lang`: for an interface
    /// string written as raw markup inside the issue's text.
    pub fn with_lang<'a>(self, attributes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
        let mut all = attributes.to_vec();
        if let Some(code) = self.inside_issue() {
            all.push(("lang", code));
        }
        all
    }

    /// Reads a stored code.
    pub fn parse(code: &str) -> Option<Lang> {
        match code {
            "ko" => Some(Lang::Ko),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The other language, for the switch.
    pub fn other(self) -> Lang {
        match self {
            Lang::Ko => Lang::En,
            Lang::En => Lang::Ko,
        }
    }

    /// The interface's word for one of the publication's framing labels (`terms`, one of the
    /// lists of [`TERMS`]), when the interface is not Korean and knows the label; none otherwise,
    /// and the label stays as printed.
    pub fn term(self, terms: &[Term], printed: &str) -> Option<&'static str> {
        match self {
            Lang::Ko => None,
            Lang::En => terms.iter().find(|term| term.ko == printed.trim()).map(|term| term.en),
        }
    }

    /// A framing label as the interface shows it, with the `lang` it needs inside the issue's
    /// Korean text: the interface's word, marked so, or the label as printed.
    pub fn framing(self, terms: &[Term], printed: &str) -> (String, Option<&'static str>) {
        match self.term(terms, printed) {
            Some(word) => (word.to_string(), self.inside_issue()),
            None => (printed.to_string(), None),
        }
    }

    /// The series' name in the interface's language: its English name in English when the
    /// issue gives one, with the `lang` it is in.
    pub fn series_name(self, meta: &Meta) -> (String, &'static str) {
        match (self, &meta.series_en) {
            (Lang::En, Some(english)) => (english.clone(), "en"),
            _ => (meta.series.clone(), "ko"),
        }
    }

    /// The page's title: the series' name in the interface's language and the issue's date.
    pub fn page_title(self, meta: &Meta) -> String {
        format!("{} · {}", self.series_name(meta).0, meta.date.printed())
    }

    /// What a chart's description calls a measured column in English, when the interface knows
    /// its label: `Direct funding (10,000 yuan)`; none in Korean, where the heading is as printed.
    pub fn series_name_of(self, column: &Column) -> Option<SeriesName> {
        let label = self.term(TERMS.measures, &column.label)?;
        let unit = column.unit.as_deref().map(|unit| match Unit::of_column(unit) {
            Some(known) => known.english(),
            None => unit.to_string(),
        });
        Some(SeriesName {
            heading: match unit {
                Some(unit) => format!("{label} ({unit})"),
                None => label.to_string(),
            },
            label: label.to_string(),
        })
    }

    /// The interface strings.
    pub fn t(self) -> &'static Strings {
        match self {
            Lang::Ko => &KO,
            Lang::En => &EN,
        }
    }

    /// "12 / 17행" — how many rows a filter leaves.
    pub fn rows_shown(self, shown: usize, total: usize) -> String {
        match self {
            Lang::Ko if shown == total => format!("{total}행"),
            Lang::Ko => format!("{shown} / {total}행"),
            Lang::En if shown == total => format!("{total} rows"),
            Lang::En => format!("{shown} of {total} rows"),
        }
    }

    /// After the total's label while a filter hides rows: the printed total is of them all.
    pub fn total_of_all(self, total: usize) -> String {
        match self {
            Lang::Ko => format!("전체 {total}행"),
            Lang::En => format!("all {total} rows"),
        }
    }

    /// What the live region says after a sort.
    pub fn sorted_by(self, columns: &[(String, bool)]) -> String {
        if self == Lang::Ko {
            // The start-up without Yew says it in the same words.
            return bulletin_start::words::sorted_by(columns);
        }
        let t = self.t();
        if columns.is_empty() {
            return t.sort_cleared.to_string();
        }
        let keys: Vec<String> = columns
            .iter()
            .map(|(label, ascending)| {
                let direction = if *ascending { t.ascending } else { t.descending };
                format!("{label} {direction}")
            })
            .collect();
        format!("Sorted by {}.", keys.join(", then "))
    }

    /// "검색 결과 12건".
    pub fn result_count(self, total: usize) -> String {
        match self {
            Lang::Ko => format!("검색 결과 {total}건"),
            Lang::En if total == 1 => "1 result".to_string(),
            Lang::En => format!("{total} results"),
        }
    }

    /// Under a chart of a long table: only the first rows are drawn.
    pub fn chart_rows_omitted(self, drawn: usize, total: usize) -> String {
        match self {
            Lang::Ko => format!("표의 현재 순서대로 처음 {drawn}개 항목만 그렸습니다 (전체 {total}개)."),
            Lang::En => format!("Only the first {drawn} rows in the table's current order are drawn ({total} in all)."),
        }
    }

    /// What a link held that was ignored, as the "link partly ignored" notice names it: a few
    /// parts, each cut short, and how many more there were (`bulletin::excerpt::parts`).
    pub fn ignored_parts(self, parts: &[String]) -> String {
        bulletin::excerpt::parts(parts).with_count(|more| match self {
            Lang::Ko => format!("외 {more}개"),
            Lang::En => format!("and {more} more"),
        })
    }

    /// An address that leads nowhere, as the not-found view shows it: its start, and what
    /// says how much was cut, empty when nothing was (`bulletin::excerpt::address`).
    pub fn shown_address(self, hash: &str) -> (String, String) {
        let excerpt = bulletin::excerpt::address(hash);
        let count = bulletin::number::group_thousands(&excerpt.left_out.to_string());
        let cut = match (excerpt.left_out, self) {
            (0, _) => String::new(),
            (_, Lang::Ko) => format!(" (이하 {count}자 생략)"),
            (_, Lang::En) => format!(" ({count} more characters)"),
        };
        (excerpt.shown, cut)
    }

    /// A year's heading in the archive.
    pub fn year(self, year: u16) -> String {
        match self {
            Lang::Ko => format!("{year}년"),
            Lang::En => year.to_string(),
        }
    }

    /// A month's heading in the archive.
    pub fn month(self, month: u8) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        match self {
            Lang::Ko => format!("{month}월"),
            Lang::En => MONTHS
                .get(usize::from(month).saturating_sub(1))
                .copied()
                .unwrap_or_default()
                .to_string(),
        }
    }

    /// The words the archive's lists take from the interface.
    pub fn archive_labels(self) -> bulletin::html::Labels {
        let t = self.t();
        bulletin::html::Labels {
            year: match self {
                Lang::Ko => |year| Lang::Ko.year(year),
                Lang::En => |year| Lang::En.year(year),
            },
            month: match self {
                Lang::Ko => |month| Lang::Ko.month(month),
                Lang::En => |month| Lang::En.month(month),
            },
            table_headings: [
                t.table_column,
                t.issue_column,
                t.article_column,
                t.columns_column,
                t.rows_column,
            ],
        }
    }

    /// "3개 호", or "3개 호 중 2개" under a filtered archive.
    pub fn issues_listed(self, shown: usize, total: usize) -> String {
        self.listed(shown, total, |n| format!("{n}개 호"), ("issue", "issues"))
    }

    /// "표 40개", or "표 40개 중 7개" under a filtered tables view.
    pub fn tables_listed(self, shown: usize, total: usize) -> String {
        self.listed(shown, total, |n| format!("표 {n}개"), ("table", "tables"))
    }

    /// How many of a list's entries a filter shows: `korean` counts them in Korean, `english`
    /// is the noun in the singular and the plural.
    fn listed(self, shown: usize, total: usize, korean: fn(usize) -> String, english: (&str, &str)) -> String {
        let noun = if total == 1 { english.0 } else { english.1 };
        match (self, shown == total) {
            (Lang::Ko, true) => korean(total),
            (Lang::Ko, false) => format!("{} 중 {shown}개", korean(total)),
            (Lang::En, true) => format!("{total} {noun}"),
            (Lang::En, false) => format!("{shown} of {total} {noun}"),
        }
    }

    /// For an address naming an issue the archive does not hold.
    pub fn no_such_issue(self, date: bulletin::model::Date) -> String {
        match self {
            Lang::Ko => format!("이 아카이브에는 {} 호가 없습니다.", date.printed()),
            Lang::En => format!("The archive holds no issue of {}.", date.printed()),
        }
    }

    /// While the archive is being indexed: how far, and that the loaded issues are searched.
    pub fn indexing(self, done: usize, total: usize) -> String {
        match self {
            Lang::Ko => format!("지난 호를 검색 색인에 넣는 중입니다 ({done}/{total}). 지금은 불러온 호만 검색합니다."),
            Lang::En => format!("Indexing the archive ({done} of {total} issues); searching the issues loaded so far."),
        }
    }

    /// While every issue is still being counted: "검색 결과 30건 이상".
    pub fn result_count_so_far(self, total: usize) -> String {
        match self {
            Lang::Ko => format!("검색 결과 {total}건 이상"),
            Lang::En => format!("{total} or more results"),
        }
    }

    /// "3개 호에서" after the result count.
    pub fn in_issues(self, n_issues: usize) -> String {
        match self {
            Lang::Ko => format!("{n_issues}개 호"),
            Lang::En if n_issues == 1 => "in 1 issue".to_string(),
            Lang::En => format!("in {n_issues} issues"),
        }
    }

    /// "처음 200건만 보여 줍니다".
    pub fn showing_first(self, shown: usize) -> String {
        match self {
            Lang::Ko => format!("처음 {shown}건만 보여 줍니다. 검색어를 더 입력해 보세요."),
            Lang::En => format!("Showing the first {shown}. Type more to narrow the search."),
        }
    }
}

/// One of the publication's framing labels and the interface's English for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Term {
    /// As printed.
    pub ko: &'static str,
    /// In English.
    pub en: &'static str,
}

const fn term(ko: &'static str, en: &'static str) -> Term {
    Term { ko, en }
}

/// The framing labels the interface knows, by kind.
pub struct Terms {
    /// The parts' titles (I 정책동향, II 기술동향, III 단신동향).
    pub parts: &'static [Term],
    /// The articles' categories.
    pub categories: &'static [Term],
    /// The colophon's labels.
    pub colophon: &'static [Term],
    /// A total row's label.
    pub totals: &'static [Term],
    /// The headings of measured columns, which a chart's metric switch and description name.
    pub measures: &'static [Term],
}

/// Every framing label the interface gives in English.
pub static TERMS: Terms = Terms {
    parts: &[
        term("정책동향", "Policy Trends"),
        term("기술동향", "Technology Trends"),
        term("단신동향", "News in Brief"),
    ],
    categories: &[
        term("기술전략", "Technology strategy"),
        term("지역", "Regions"),
        term("혁신체계", "Innovation system"),
        term("통계", "Statistics"),
        term("ICT", "ICT"),
        term("바이오", "Biotech"),
        term("에너지", "Energy"),
        term("환경", "Environment"),
        term("우주", "Space"),
        term("항공우주", "Aerospace"),
        term("인재", "Talent"),
        term("산업", "Industry"),
        term("정책", "Policy"),
        term("국제협력", "International cooperation"),
        term("소재", "Materials"),
        term("반도체", "Semiconductors"),
        term("인공지능", "Artificial intelligence"),
        term("디지털", "Digital"),
        term("교육", "Education"),
        term("보건의료", "Health"),
        term("농업", "Agriculture"),
        term("교통", "Transport"),
    ],
    colophon: &[
        term("발행일", "Date of issue"),
        term("발행인", "Publisher"),
        term("발행기관", "Issued by"),
        term("발행처", "Office"),
        term("편집", "Editor"),
        term("문의", "Contact"),
    ],
    totals: &[term("합계", "Total"), term("총계", "Total"), term("계", "Total")],
    measures: &[
        term("연구과제 수", "Research projects"),
        term("과제 수", "Projects"),
        term("직접비 금액", "Direct funding"),
        term("종합 지수", "Overall index"),
        term("신에너지 우수기업 집중 지수", "Leading new-energy firms index"),
        term("신에너지 중소기업 집중 지수", "New-energy SMEs index"),
        term("신에너지 투자열 집중 지수", "New-energy investment index"),
    ],
};

/// Saving the archive for reading offline (src/components/save_archive.rs).
impl Lang {
    /// A size in bytes as a reader reads it: `512 B`, `42 KB`, `19.7 MB` (units of 1,000).
    pub fn size(self, bytes: u64) -> String {
        match bytes {
            0..=999 => format!("{bytes} B"),
            1_000..=999_999 => format!("{} KB", (bytes + 500) / 1_000),
            _ => format!("{:.1} MB", bytes as f64 / 1_000_000.0),
        }
    }

    /// How much of the archive can be read offline.
    pub fn offline_saved(self, saved: u64, issues: u64, bytes: u64) -> String {
        let size = self.size(bytes);
        match self {
            Lang::Ko => format!("{issues}개 호 중 {saved}개를 오프라인으로 읽을 수 있습니다 ({size})."),
            Lang::En => format!("{saved} of {issues} issues can be read offline ({size})."),
        }
    }

    /// The save button: how many issues it adds and how much space they take.
    pub fn save_archive(self, missing: u64, bytes: u64) -> String {
        let size = self.size(bytes);
        match self {
            Lang::Ko => format!("나머지 {missing}개 호도 저장 ({size})"),
            Lang::En if missing == 1 => format!("Save the other issue too ({size})"),
            Lang::En => format!("Save the other {missing} issues too ({size})"),
        }
    }

    /// Every issue is kept.
    pub fn offline_all_saved(self, issues: u64, bytes: u64) -> String {
        let size = self.size(bytes);
        match self {
            Lang::Ko => format!("모든 호({issues}개, {size})를 오프라인으로 읽을 수 있습니다."),
            Lang::En if issues == 1 => format!("The issue ({size}) can be read offline."),
            Lang::En => format!("All {issues} issues ({size}) can be read offline."),
        }
    }

    /// While the archive is saved.
    pub fn offline_saving(self, done: u64, total: u64) -> String {
        match self {
            Lang::Ko => format!("저장하는 중입니다… {done}/{total}"),
            Lang::En => format!("Saving… {done} of {total}"),
        }
    }

    /// How many files could not be saved, and why the first could not.
    pub fn offline_failures(self, failed: u64, reason: &str) -> String {
        // The worker's own words (a file and an HTTP status), kept short all the same.
        let reason = bulletin::excerpt::address(reason).shown;
        match self {
            Lang::Ko => format!("{failed}개 호를 받지 못했습니다 ({reason})."),
            Lang::En if failed == 1 => format!("1 issue could not be fetched ({reason})."),
            Lang::En => format!("{failed} issues could not be fetched ({reason})."),
        }
    }

    /// A failed save, with why.
    pub fn offline_failed(self, why: &str) -> String {
        format!("{} {why}", self.t().offline_failed)
    }
}

/// Every fixed string of the interface.
pub struct Strings {
    /// The skip link.
    pub skip_to_content: &'static str,
    /// The search box's label.
    pub search: &'static str,
    /// The search box's placeholder.
    pub search_placeholder: &'static str,
    /// Clear the search.
    pub clear_search: &'static str,
    /// No results.
    pub no_results: &'static str,
    /// The contents panel.
    pub contents: &'static str,
    /// The phone's contents button.
    pub show_contents: &'static str,
    /// Tables, in the contents panel.
    pub tables: &'static str,
    /// Figures, in the contents panel.
    pub figures: &'static str,
    /// The summary heading.
    pub summary: &'static str,
    /// The colophon heading.
    pub colophon: &'static str,
    /// The references heading.
    pub references: &'static str,
    /// The source label.
    pub source: &'static str,
    /// The issue date label.
    pub issue_date: &'static str,
    /// Shown where a figure's image would be.
    pub figure_not_included: &'static str,
    /// Switch to the dark theme.
    pub dark_theme: &'static str,
    /// Switch to the light theme.
    pub light_theme: &'static str,
    /// The language switch's label, in the other language.
    pub other_language: &'static str,
    /// Ascending.
    pub ascending: &'static str,
    /// Descending.
    pub descending: &'static str,
    /// After the third click.
    pub sort_cleared: &'static str,
    /// How to sort, for screen readers and the toolbar's title.
    pub sort_hint: &'static str,
    /// The table filter's label.
    pub filter_rows: &'static str,
    /// Download the table as CSV.
    pub download_csv: &'static str,
    /// Copy a link.
    pub copy_link: &'static str,
    /// Copy an embed code.
    pub copy_embed: &'static str,
    /// The embed code of a table alone (a choice after `copy_embed`).
    pub embed_table_only: &'static str,
    /// The embed code of a table's chart alone.
    pub embed_chart: &'static str,
    /// The embed code of a table with its chart.
    pub embed_table_and_chart: &'static str,
    /// After copying.
    pub copied: &'static str,
    /// When the clipboard is not available.
    pub copy_failed: &'static str,
    /// The chart's label.
    pub chart: &'static str,
    /// The chart's metric switch.
    pub metric: &'static str,
    /// Show the chart's numbers as a table.
    pub show_numbers: &'static str,
    /// Show the chart again.
    pub show_chart: &'static str,
    /// Download the chart.
    pub download_png: &'static str,
    /// The not-found title.
    pub not_found: &'static str,
    /// The not-found explanation.
    pub not_found_body: &'static str,
    /// Back to the issue.
    pub back_to_issue: &'static str,
    /// When a link held parts that were ignored.
    pub link_partly_ignored: &'static str,
    /// Under a table's toolbar when its filter matches no row.
    pub no_matching_rows: &'static str,
    /// Before a printed table that a filter cuts: it is filtered, by what, and how many rows.
    pub filtered_print: &'static str,
    /// The update notice's close button.
    pub dismiss: &'static str,
    /// On a sort button tapped before the app has started: the tap is kept for it.
    pub getting_ready: &'static str,
    /// The embed's link to the full issue.
    pub open_full_issue: &'static str,
    /// Close a panel.
    pub close: &'static str,
    /// Search result kinds.
    pub kind_title: &'static str,
    /// An article's category.
    pub kind_category: &'static str,
    /// A lead.
    pub kind_lead: &'static str,
    /// Body text.
    pub kind_text: &'static str,
    /// A table.
    pub kind_table: &'static str,
    /// A figure.
    pub kind_figure: &'static str,
    /// A source.
    pub kind_source: &'static str,
    /// A note.
    pub kind_note: &'static str,
    /// A reference.
    pub kind_reference: &'static str,
    /// A new version was deployed.
    pub new_version: &'static str,
    /// Reload.
    pub reload: &'static str,
    /// The save control's label.
    pub offline_title: &'static str,
    /// While the worker is asked what it keeps.
    pub offline_checking: &'static str,
    /// Where there is no worker.
    pub offline_unavailable: &'static str,
    /// A save that did not finish.
    pub offline_failed: &'static str,
    /// The browser would store no more.
    pub offline_storage_full: &'static str,
    /// Stored preferences could not be read.
    pub preferences_reset: &'static str,
    /// The total row's label, where the printed one is not among the known ones.
    pub total: &'static str,
    /// The glossary of units' heading.
    pub units: &'static str,
    /// What the glossary of units is.
    pub units_intro: &'static str,
    /// The archive view: every issue.
    pub archive: &'static str,
    /// The tables view: every table of every issue.
    pub all_tables: &'static str,
    /// The archive's filter box.
    pub archive_filter: &'static str,
    /// The tables view's filter box.
    pub tables_filter: &'static str,
    /// The link to the issue before.
    pub older_issue: &'static str,
    /// The link to the issue after.
    pub newer_issue: &'static str,
    /// The link to the newest issue.
    pub newest_issue: &'static str,
    /// The label of the links between issues.
    pub issue_navigation: &'static str,
    /// While an issue is fetched.
    pub loading_issue: &'static str,
    /// While the catalog is fetched.
    pub loading_list: &'static str,
    /// An issue's data could not be read.
    pub issue_failed: &'static str,
    /// The catalog could not be read.
    pub list_failed: &'static str,
    /// A search bundle could not be read.
    pub search_failed: &'static str,
    /// Try a failed fetch again.
    pub retry: &'static str,
    /// Show more of a long list.
    pub show_more: &'static str,
    /// A list's filter matches nothing.
    pub no_matches: &'static str,
    /// The not-found view's link to the archive.
    pub all_issues: &'static str,
    /// The tables view's column headings: table.
    pub table_column: &'static str,
    /// … issue.
    pub issue_column: &'static str,
    /// … article.
    pub article_column: &'static str,
    /// … columns.
    pub columns_column: &'static str,
    /// … rows.
    pub rows_column: &'static str,
}

/// Korean.
pub static KO: Strings = Strings {
    skip_to_content: "본문으로 건너뛰기",
    search: "검색",
    search_placeholder: "본문·표·출처 검색 ( / )",
    clear_search: "검색어 지우기",
    no_results: "검색 결과가 없습니다.",
    contents: "목차",
    show_contents: "목차",
    tables: "표",
    figures: "그림",
    summary: "요약",
    colophon: "발행 정보",
    references: "참고자료",
    source: "출처",
    issue_date: "발행일",
    figure_not_included: "이 판에는 그림 이미지가 포함되어 있지 않습니다.",
    dark_theme: "어두운 화면",
    light_theme: "밝은 화면",
    other_language: "English",
    ascending: bulletin_start::words::ASCENDING,
    descending: bulletin_start::words::DESCENDING,
    sort_cleared: bulletin_start::words::SORT_CLEARED,
    sort_hint: "머리글을 누르면 정렬합니다. 세 번째로 누르면 원래 순서로 돌아가고, Shift를 누른 채 누르면 정렬 기준을 더합니다.",
    filter_rows: "표에서 찾기",
    download_csv: "CSV 내려받기",
    copy_link: "링크 복사",
    copy_embed: "퍼가기 코드 복사",
    embed_table_only: "표",
    embed_chart: "그래프",
    embed_table_and_chart: "표와 그래프",
    copied: "복사했습니다.",
    copy_failed: "복사하지 못했습니다. 주소창의 링크를 사용하세요.",
    chart: "그래프",
    metric: "지표",
    show_numbers: "수치 표로 보기",
    show_chart: "그래프로 보기",
    download_png: "PNG 내려받기",
    not_found: "찾는 내용이 없습니다",
    not_found_body: "이 링크가 가리키는 내용이 이번 호에 없습니다:",
    back_to_issue: "이번 호 처음으로",
    link_partly_ignored: "링크의 일부를 읽지 못해 무시했습니다:",
    no_matching_rows: "찾는 말이 든 행이 없습니다.",
    filtered_print: "필터 적용",
    dismiss: "닫기",
    getting_ready: "표를 준비하는 중입니다…",
    open_full_issue: "전체 호 보기",
    close: "닫기",
    kind_title: "제목",
    kind_category: "분류",
    kind_lead: "요지",
    kind_text: "본문",
    kind_table: "표",
    kind_figure: "그림",
    kind_source: "출처",
    kind_note: "주",
    kind_reference: "참고자료",
    new_version: "새 버전이 있습니다.",
    reload: "새로 고침",
    offline_title: "오프라인 읽기",
    offline_checking: "오프라인으로 저장한 호를 확인하는 중입니다…",
    offline_unavailable: "이 페이지에서는 오프라인 저장을 쓸 수 없습니다.",
    offline_failed: "모두 저장하지 못했습니다.",
    offline_storage_full: "브라우저의 저장 공간이 부족합니다.",
    preferences_reset: "저장된 화면 설정을 읽지 못해 기본값으로 되돌렸습니다.",
    total: "합계",
    units: "단위",
    units_intro: "이 호의 금액에 쓰인 단위입니다.",
    archive: "지난 호",
    all_tables: "표 모음",
    archive_filter: "제목·분류·날짜로 찾기",
    tables_filter: "표 제목·열 이름·날짜로 찾기",
    older_issue: "이전 호",
    newer_issue: "다음 호",
    newest_issue: "최신 호",
    issue_navigation: "호 이동",
    loading_issue: "이 호를 불러오는 중입니다…",
    loading_list: "목록을 불러오는 중입니다…",
    issue_failed: "이 호를 불러오지 못했습니다.",
    list_failed: "목록을 불러오지 못했습니다.",
    search_failed: "지난 호 검색 색인을 불러오지 못해 지금 보는 호만 검색했습니다.",
    retry: "다시 시도",
    show_more: "더 보기",
    no_matches: "맞는 항목이 없습니다.",
    all_issues: "지난 호 목록",
    table_column: "표",
    issue_column: "호",
    article_column: "기사",
    columns_column: "열",
    rows_column: "행 수",
};

/// English.
pub static EN: Strings = Strings {
    skip_to_content: "Skip to content",
    search: "Search",
    search_placeholder: "Search text, tables, sources ( / )",
    clear_search: "Clear search",
    no_results: "No results.",
    contents: "Contents",
    show_contents: "Contents",
    tables: "Tables",
    figures: "Figures",
    summary: "Summary",
    colophon: "Colophon",
    references: "References",
    source: "Source",
    issue_date: "Issue date",
    figure_not_included: "The image of this figure is not included in this edition.",
    dark_theme: "Dark theme",
    light_theme: "Light theme",
    other_language: "한국어",
    ascending: "ascending",
    descending: "descending",
    sort_cleared: "Back to the printed order.",
    sort_hint: "Click a header to sort. A third click restores the printed order; Shift-click adds a sort key.",
    filter_rows: "Filter rows",
    download_csv: "Download CSV",
    copy_link: "Copy link",
    copy_embed: "Copy embed code",
    embed_table_only: "Table",
    embed_chart: "Chart",
    embed_table_and_chart: "Table with chart",
    copied: "Copied.",
    copy_failed: "Could not copy. Use the link in the address bar.",
    chart: "Chart",
    metric: "Metric",
    show_numbers: "Show numbers as a table",
    show_chart: "Show chart",
    download_png: "Download PNG",
    not_found: "Nothing here",
    not_found_body: "This link points to nothing in this issue:",
    back_to_issue: "Back to the issue",
    link_partly_ignored: "Part of the link could not be read and was ignored:",
    no_matching_rows: "No row contains the words looked for.",
    filtered_print: "Filtered",
    dismiss: "Dismiss",
    getting_ready: "The table is getting ready…",
    open_full_issue: "Open the full issue",
    close: "Close",
    kind_title: "Title",
    kind_category: "Category",
    kind_lead: "Lead",
    kind_text: "Text",
    kind_table: "Table",
    kind_figure: "Figure",
    kind_source: "Source",
    kind_note: "Note",
    kind_reference: "Reference",
    new_version: "A new version is available.",
    reload: "Reload",
    offline_title: "Reading offline",
    offline_checking: "Checking which issues are saved for reading offline…",
    offline_unavailable: "Saving for offline reading is not available here.",
    offline_failed: "Not everything could be saved.",
    offline_storage_full: "The browser's storage is full.",
    preferences_reset: "Saved display settings could not be read and were reset.",
    total: "Total",
    units: "Units",
    units_intro: "The units of money in this issue. Hover over or focus an amount to see its value in yuan or won.",
    archive: "Archive",
    all_tables: "Tables",
    archive_filter: "Filter by title, category or date",
    tables_filter: "Filter by caption, column or date",
    older_issue: "Previous issue",
    newer_issue: "Next issue",
    newest_issue: "Latest issue",
    issue_navigation: "Issues",
    loading_issue: "Loading this issue…",
    loading_list: "Loading the list…",
    issue_failed: "This issue could not be loaded.",
    list_failed: "The list could not be loaded.",
    search_failed: "The archive's search index could not be loaded; only this issue was searched.",
    retry: "Try again",
    show_more: "Show more",
    no_matches: "Nothing matches.",
    all_issues: "All issues",
    table_column: "Table",
    issue_column: "Issue",
    article_column: "Article",
    columns_column: "Columns",
    rows_column: "Rows",
};
