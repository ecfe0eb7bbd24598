//! Checks of static/style.css against the core: the pre-rendered charts are coloured by the
//! stylesheet's `--chart-*` and theme properties, the canvas by `bulletin::chart::Palette`, and
//! the two must show the same chart. The stylesheet writes each colour once, as
//! `light-dark(<light>, <dark>)`, and each theme's rule only sets `color-scheme`.

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

    /// Which of a `light-dark()` pair a theme takes.
    #[derive(Clone, Copy, Debug)]
    enum Theme {
        Light,
        Dark,
    }

    /// The colour `value` gives in `theme`: one of the pair of `light-dark(a, b)`.
    fn in_theme(value: &str, theme: Theme) -> String {
        let Some(pair) = value
            .strip_prefix("light-dark(")
            .and_then(|rest| rest.strip_suffix(')'))
        else {
            panic!("`{value}` is not light-dark(<light>, <dark>)");
        };
        // The pair's comma is the one outside any parentheses (rgba(…) has its own).
        let mut depth = 0;
        let at = pair
            .char_indices()
            .find(|&(_, c)| {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                c == ',' && depth == 0
            })
            .map(|(at, _)| at)
            .unwrap_or_else(|| panic!("`{value}` has one colour"));
        match theme {
            Theme::Light => pair[..at].trim().to_string(),
            Theme::Dark => pair[at + 1..].trim().to_string(),
        }
    }

    #[track_caller]
    fn check(theme: Theme, palette: &Palette) {
        let properties = properties(":root");
        let value = |name: &str| {
            properties
                .iter()
                .find(|(property, _)| property == name)
                .map(|(_, value)| in_theme(value, theme))
                .unwrap_or_else(|| panic!("`:root` sets no --{name}"))
        };
        let selector = format!("{theme:?}");
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
        check(Theme::Light, &Palette::LIGHT);
    }

    #[test]
    fn dark_theme_colours_the_svg_charts_as_the_canvas() {
        check(Theme::Dark, &Palette::DARK);
    }

    #[track_caller]
    fn color_scheme(selector: &str) -> String {
        let Some(start) = STYLESHEET.find(&format!("{selector} {{")) else {
            panic!("no `{selector}` block in static/style.css");
        };
        let block = &STYLESHEET[start..];
        let block = &block[..block.find('}').unwrap_or(block.len())];
        let Some(line) = block.lines().find_map(|line| line.trim().strip_prefix("color-scheme:")) else {
            panic!("`{selector}` sets no color-scheme");
        };
        line.trim().trim_end_matches(';').to_string()
    }

    #[test]
    fn each_theme_picks_its_colours_by_color_scheme() {
        assert_eq!(color_scheme(":root"), "light");
        assert_eq!(color_scheme(":root[data-theme=\"dark\"]"), "dark");
        assert_eq!(color_scheme(":root:not([data-theme=\"light\"])"), "dark");
        assert!(STYLESHEET.contains("@media (prefers-color-scheme: dark) {\n  :root:not([data-theme=\"light\"]) {"));
    }

    #[test]
    fn the_pair_splits_at_its_own_comma() {
        let shadow = "light-dark(rgba(16, 24, 40, 0.14), rgba(0, 0, 0, 0.5))";
        assert_eq!(in_theme(shadow, Theme::Dark), "rgba(0, 0, 0, 0.5)");
        assert_eq!(in_theme("light-dark(#fff, #000)", Theme::Light), "#fff");
    }
}
