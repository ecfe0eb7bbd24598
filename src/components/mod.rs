//! The viewer's components, one a file.

pub mod article_view;
pub mod brief_view;
pub mod catalog_view;
pub mod chart_view;
pub mod contents_panel;
pub mod copy_button;
pub mod embed_view;
pub mod glossary;
pub mod header;
pub mod issue_nav;
pub mod issue_status;
pub mod issue_view;
pub mod later;
pub mod not_found;
pub mod prose;
pub mod save_archive;
pub mod search_panel;
pub mod table_view;
pub mod update_notice;
