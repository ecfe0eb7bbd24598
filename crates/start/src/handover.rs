//! The sorts the start-up hands over to the full viewer, as text: one table link a line
//! (`#/table/nsfc-programs?sort=funding:desc`), the form the viewer's links already have.

use bulletin::model::Issue;
use bulletin::route::{Route, TableView};
use bulletin::sort::SortState;

/// `sorts` (table id, sort) as the hand-over's text; a table `issue` does not hold is left out.
pub fn write(issue: &Issue, sorts: &[(String, SortState)]) -> String {
    let mut lines = Vec::new();
    for (id, state) in sorts {
        if let Some(table) = issue.table(id) {
            lines.push(Route::Table(id.clone(), TableView::from_state(table, state, "", None)).to_hash());
        }
    }
    lines.join("\n")
}

/// The sorts of the hand-over's `text`, read against `issue`: a line that names none of its
/// tables, or no sort, is left out.
pub fn read(text: &str, issue: &Issue) -> Vec<(String, SortState)> {
    text.lines()
        .filter_map(|line| match Route::parse(line).route {
            Route::Table(id, view) => {
                let table = issue.table(&id)?;
                let sort = view.resolve(table).sort;
                (!sort.keys().is_empty()).then_some((id, sort))
            }
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use bulletin::sort::Direction;

    fn issue() -> Issue {
        let source = include_str!("../../../bulletins/2023-06-30.md");
        bulletin::parse::parse("bulletins/2023-06-30.md", source)
            .expect("the issue parses")
            .issue
    }

    #[test]
    fn sorts_go_over_as_table_links_and_come_back() {
        let issue = issue();
        let table = issue.table("nsfc-programs").expect("the table");
        let funding = table
            .columns
            .iter()
            .position(|column| column.label == "직접비 금액")
            .expect("its funding column");
        let column = table.column_ids().nth(funding).expect("its id");
        let first = SortState::default().click(column, table.columns[funding].kind, false);
        let sorts = vec![
            ("nsfc-programs".to_string(), first.clone()),
            ("no-such-table".to_string(), first.clone()),
        ];
        let text = write(&issue, &sorts);
        assert_eq!(text, "#/table/nsfc-programs?sort=funding:desc");
        let read = read(
            &format!("{text}\n#/table/no-such-table?sort=funding:desc\n#/summary\n#/table/hurun-top10"),
            &issue,
        );
        assert_eq!(read, vec![("nsfc-programs".to_string(), first.clone())]);
        assert_eq!(first.keys()[0].direction, Direction::Descending);
    }
}
