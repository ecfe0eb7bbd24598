//! Checks of static/style.css against the core: the pre-rendered charts are coloured by the
//! stylesheet's `--chart-*` and theme properties, the canvas by `bulletin::chart::Palette`, and
//! the two must show the same chart.

#[cfg(test)]
mod tests {
    use bulletin::chart::Palette;

    const STYLESHEET: &str = include_str!("../../static/style.css");

    /// The custom properties set in the rule block that starts with `selector`.
    fn properties(selector: &str) -> Vec<(String, String)> {
        let Some(start) = STYLESHEET.find(&format!("{selector} {{")) else {
            panic!("no `{selector}` block in static/style.css");
        };
        let block = &STYLESHEET[start..];
        let block = &block[..block.find('}').unwrap_or(block.len())];
        block
            .lines()
            .filter_map(|line| {
                let (name, value) = line.trim().strip_prefix("--")?.split_once(':')?;
                Some((name.to_string(), value.trim().trim_end_matches(';').to_string()))
            })
            .collect()
    }

    fn hex((red, green, blue): (u8, u8, u8)) -> String {
        format!("#{red:02x}{green:02x}{blue:02x}")
    }

    #[track_caller]
    fn check(selector: &str, palette: &Palette) {
        let properties = properties(selector);
        let value = |name: &str| {
            properties
                .iter()
                .find(|(property, _)| property == name)
                .map(|(_, value)| value.clone())
                .unwrap_or_else(|| panic!("`{selector}` sets no --{name}"))
        };
        assert_eq!(value("bg"), hex(palette.background), "{selector} --bg");
        assert_eq!(value("fg"), hex(palette.text), "{selector} --fg");
        assert_eq!(value("muted"), hex(palette.muted), "{selector} --muted");
        assert_eq!(value("chart-grid"), hex(palette.grid), "{selector} --chart-grid");
        for (index, colour) in palette.series.iter().enumerate() {
            assert_eq!(
                value(&format!("chart-s{index}")),
                hex(*colour),
                "{selector} --chart-s{index}"
            );
        }
    }

    #[test]
    fn light_theme_colours_the_svg_charts_as_the_canvas() {
        check(":root", &Palette::LIGHT);
    }

    #[test]
    fn chosen_dark_theme_colours_the_svg_charts_as_the_canvas() {
        check(":root[data-theme=\"dark\"]", &Palette::DARK);
    }

    #[test]
    fn system_dark_theme_colours_the_svg_charts_as_the_canvas() {
        check(":root:not([data-theme=\"light\"])", &Palette::DARK);
    }
}
