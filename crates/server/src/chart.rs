//! Bar charts as SVG, written here: one horizontal bar per figure, its label
//! on the left, its value at the end, the bar a link to the figure's
//! sentence. Rendered on the server, so the page needs no script and no
//! charting library. Every text is XML-escaped (labels come from reports).

use std::fmt::Write;

/// One bar.
pub(crate) struct Bar {
    pub label: String,
    /// The figure, for the bar's length only (display geometry, never
    /// arithmetic: the exact value is `shown`).
    pub value: f64,
    pub shown: String,
    pub href: String,
}

const WIDTH: f64 = 760.0;
const LABEL_WIDTH: f64 = 220.0;
const VALUE_WIDTH: f64 = 120.0;
const ROW_HEIGHT: f64 = 26.0;
const BAR_HEIGHT: f64 = 18.0;
const MARGIN: f64 = 8.0;

/// The chart of `bars`, titled `title` for screen readers.
pub(crate) fn bars(title: &str, bars: &[Bar]) -> String {
    let max = bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
    let span = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 2.0 * MARGIN;
    let height = bars.len() as f64 * ROW_HEIGHT + 2.0 * MARGIN;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{}">"#,
        escape(title)
    );
    for (i, bar) in bars.iter().enumerate() {
        let y = MARGIN + i as f64 * ROW_HEIGHT;
        let length = if max > 0.0 {
            (bar.value.max(0.0) / max * span).max(1.0)
        } else {
            1.0
        };
        let middle = y + BAR_HEIGHT / 2.0 + 5.0;
        let _ = write!(
            svg,
            r#"<a href="{href}"><text x="{lx}" y="{middle}" text-anchor="end">{label}</text><rect x="{bx}" y="{y}" width="{length:.1}" height="{BAR_HEIGHT}"><title>{label}: {shown}</title></rect><text x="{vx:.1}" y="{middle}">{shown}</text></a>"#,
            href = escape(&bar.href),
            lx = LABEL_WIDTH - 6.0,
            label = escape(&bar.label),
            bx = LABEL_WIDTH,
            vx = LABEL_WIDTH + length + 6.0,
            shown = escape(&bar.shown),
        );
    }
    svg.push_str("</svg>");
    svg
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(label: &str, value: f64) -> Bar {
        Bar {
            label: label.to_owned(),
            value,
            shown: format!("{value}件"),
            href: "/reports/1#c5".to_owned(),
        }
    }

    #[test]
    fn the_longest_bar_is_the_largest_value() {
        let svg = bars("调解案件", &[bar("甲县", 50.0), bar("乙县", 100.0)]);
        let widths: Vec<f64> = svg
            .split("width=\"")
            .skip(1)
            .map(|s| s[..s.find('"').unwrap()].parse().unwrap())
            .collect();
        assert_eq!(widths.len(), 2);
        assert!((widths[1] - 2.0 * widths[0]).abs() < 0.2, "{widths:?}");
    }

    #[test]
    fn labels_are_escaped() {
        let svg = bars("<t>", &[bar("<script>alert(1)</script>", 1.0)]);
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;"));
    }

    #[test]
    fn no_bars_is_an_empty_chart() {
        let svg = bars("空", &[]);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    }
}
