//! HTML page → clean text and page metadata.
//!
//! Owns walking the parsed page (html5ever via `scraper`): block elements and
//! table rows end lines, cells in a row are separated by tabs, `<title>` and
//! `<meta name content>` go to the page metadata. Elements that are never
//! content are dropped whole: scripts, styles, frames, SVG, and navigation or
//! footer chrome (by tag, id or class) — unless the "chrome" holds most of the
//! page's text, as it does on CMSs that wrap everything in odd classes. From
//! dropped chrome the lines that carry the article's metadata (发布日期,
//! 来源, 索引号…) and its headings are kept.
//!
//! It does not judge the remaining text: breadcrumbs, "字号 大 中 小",
//! "打印" stay, since the engine recognises chrome from the lines.
//! Finding text back in the source is [`locate`]'s job.

mod locate;

use std::collections::HashMap;

use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use scraper::node::Element;
use scraper::{ElementRef, Html, Node};

use crate::builder::{Mark, TextBuilder};
use crate::Extracted;
use locate::Locator;

/// Reads a decoded HTML page.
pub(crate) fn read(source: &str) -> Extracted {
    let document = Html::parse_document(source);
    let root = document.tree.root();
    let sizes = TextSizes::measure(root);
    let mut walker = Walker {
        builder: TextBuilder::new(),
        locator: Locator::new(source),
        sizes: &sizes,
        page_meta: Vec::new(),
        chrome: None,
        rows: Vec::new(),
    };
    // `traverse` is iterative: no recursion for deeply nested pages.
    let mut skipped: Option<NodeId> = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) if skipped.is_none() => {
                if walker.open(node) == Visit::Skip {
                    skipped = Some(node.id());
                }
            }
            Edge::Close(node) if skipped == Some(node.id()) => skipped = None,
            Edge::Close(node) if skipped.is_none() => walker.close(node),
            Edge::Open(_) | Edge::Close(_) => {}
        }
    }
    let page_meta = walker.page_meta;
    let mut extracted = Extracted::from_builder(walker.builder);
    extracted.page_meta = page_meta;
    extracted
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Visit {
    Enter,
    Skip,
}

struct Walker<'a> {
    builder: TextBuilder,
    locator: Locator<'a>,
    sizes: &'a TextSizes,
    page_meta: Vec<(String, String)>,
    chrome: Option<ChromeScope>,
    /// Cells seen so far in each open table row, innermost last.
    rows: Vec<usize>,
}

/// A chrome element being written tentatively, to be cut back to its
/// metadata lines and headings when it closes.
struct ChromeScope {
    element: NodeId,
    start: Mark,
    /// Start bytes of the lines that come from headings.
    headings: Vec<usize>,
}

impl Walker<'_> {
    fn open(&mut self, node: NodeRef<'_, Node>) -> Visit {
        match node.value() {
            Node::Text(text) => {
                let origins = self.locator.locate(text);
                for (c, origin) in text.chars().zip(origins) {
                    self.builder.push(c, origin);
                }
                Visit::Enter
            }
            Node::Element(element) => self.open_element(node, element),
            _ => Visit::Enter,
        }
    }

    fn open_element(&mut self, node: NodeRef<'_, Node>, element: &Element) -> Visit {
        let name = element.name();
        match name {
            "meta" => {
                self.collect_meta(element);
                return Visit::Skip;
            }
            "title" => {
                self.collect_title(node);
                return Visit::Skip;
            }
            _ if is_never_content(name) => return Visit::Skip,
            _ => {}
        }
        if self.chrome.is_none() && self.sizes.is_removable_chrome(node.id()) {
            self.chrome = Some(ChromeScope {
                element: node.id(),
                start: self.builder.mark(),
                headings: Vec::new(),
            });
        }
        if let Some(scope) = self.chrome.as_mut().filter(|_| is_heading(name)) {
            scope.headings.push(self.builder.mark().byte());
        }
        match name {
            "tr" => {
                self.builder.end_line();
                self.rows.push(0);
            }
            "td" | "th" => {
                if let Some(cells) = self.rows.last_mut() {
                    if *cells > 0 {
                        self.builder.tab();
                    }
                    *cells += 1;
                }
            }
            _ if breaks_line(name) => self.builder.end_line(),
            _ => {}
        }
        Visit::Enter
    }

    fn close(&mut self, node: NodeRef<'_, Node>) {
        let Node::Element(element) = node.value() else {
            return;
        };
        let name = element.name();
        if name == "tr" {
            self.rows.pop();
        }
        if name == "tr" || breaks_line(name) {
            self.builder.end_line();
        }
        if let Some(scope) = self.chrome.take_if(|scope| scope.element == node.id()) {
            let page_meta = &self.page_meta;
            self.builder.retain_lines_since(scope.start, |line, start| {
                is_metadata_line(line)
                    || scope.headings.contains(&start)
                    || is_title_line(line, page_meta)
            });
        }
    }

    fn collect_meta(&mut self, element: &Element) {
        let name = element.attr("name").or_else(|| element.attr("property"));
        let (Some(name), Some(content)) = (name, element.attr("content")) else {
            return;
        };
        let content = collapse_whitespace(content);
        if !name.trim().is_empty() && !content.is_empty() {
            self.page_meta.push((name.trim().to_owned(), content));
        }
    }

    fn collect_title(&mut self, node: NodeRef<'_, Node>) {
        if self.page_meta.iter().any(|(key, _)| key == "title") {
            return;
        }
        let Some(element) = ElementRef::wrap(node) else {
            return;
        };
        let title = collapse_whitespace(&element.text().collect::<String>());
        if !title.is_empty() {
            self.page_meta.push(("title".to_owned(), title));
        }
    }
}

/// Visible text per chrome candidate and for the whole page, so that chrome
/// holding most of the text is recognised as the content it wraps.
struct TextSizes {
    chrome_candidates: HashMap<NodeId, usize>,
    total: usize,
}

impl TextSizes {
    fn measure(root: NodeRef<'_, Node>) -> Self {
        let mut chrome_candidates = HashMap::new();
        // Visible chars inside each open element; the bottom is the document.
        let mut open: Vec<usize> = vec![0];
        let mut skipped: Option<NodeId> = None;
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) if skipped.is_none() => match node.value() {
                    Node::Text(text) => {
                        if let Some(count) = open.last_mut() {
                            *count += text.chars().filter(|c| !c.is_whitespace()).count();
                        }
                    }
                    Node::Element(element) if is_dropped(element.name()) => {
                        skipped = Some(node.id());
                    }
                    Node::Element(_) => open.push(0),
                    _ => {}
                },
                Edge::Close(node) if skipped == Some(node.id()) => skipped = None,
                Edge::Close(node) if skipped.is_none() => {
                    let Node::Element(element) = node.value() else {
                        continue;
                    };
                    let own = open.pop().unwrap_or(0);
                    if let Some(parent) = open.last_mut() {
                        *parent += own;
                    }
                    if is_chrome(element) {
                        chrome_candidates.insert(node.id(), own);
                    }
                }
                Edge::Open(_) | Edge::Close(_) => {}
            }
        }
        TextSizes {
            chrome_candidates,
            total: open.first().copied().unwrap_or(0),
        }
    }

    fn is_removable_chrome(&self, element: NodeId) -> bool {
        self.chrome_candidates
            .get(&element)
            .is_some_and(|&size| size * 2 <= self.total)
    }
}

/// Elements whose text never reaches the clean text. `<head>` is not among
/// them: it is entered for its `<title>` and `<meta>`, and holds nothing else
/// that is text.
fn is_never_content(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "iframe"
            | "svg"
            | "math"
            | "object"
            | "embed"
            | "canvas"
            | "select"
    )
}

/// Elements dropped whole or collected elsewhere.
fn is_dropped(name: &str) -> bool {
    is_never_content(name) || name == "title" || name == "meta"
}

/// Navigation, footers, share buttons and the like, by tag or by id and
/// class. Only blocks and table cells qualify: chrome cut out of the middle
/// of a line would split the paragraph around it.
fn is_chrome(element: &Element) -> bool {
    const CHROME_WORDS: [&str; 7] = [
        "nav",
        "menu",
        "footer",
        "breadcrumb",
        "share",
        "toolbar",
        "header",
    ];
    let name = element.name();
    if matches!(name, "nav" | "footer" | "header") {
        return true;
    }
    if !(breaks_line(name) || matches!(name, "tr" | "td" | "th")) {
        return false;
    }
    element
        .id()
        .into_iter()
        .chain(element.classes())
        .any(|value| {
            let value = value.to_ascii_lowercase();
            CHROME_WORDS.iter().any(|word| value.contains(word))
        })
}

/// Lines that say when and by whom the article was published: worth keeping
/// even from chrome, e.g. "发布时间: 2024-03-01 来源: 司法局".
fn is_metadata_line(line: &str) -> bool {
    const LABELS: [&str; 3] = ["来源", "索引号", "发布机构"];
    const DATE_VERBS: [&str; 5] = ["发布", "发表", "发文", "成文", "更新"];
    const DATE_NOUNS: [&str; 2] = ["日期", "时间"];
    LABELS.iter().any(|label| line.contains(label))
        || DATE_VERBS.iter().any(|verb| {
            line.match_indices(verb).any(|(at, _)| {
                let after = &line[at + verb.len()..];
                DATE_NOUNS.iter().any(|noun| after.starts_with(noun))
            })
        })
}

/// Lines that repeat the page's title: the article title, which CMS
/// templates often put in a "header" block without a heading element.
fn is_title_line(line: &str, page_meta: &[(String, String)]) -> bool {
    const MIN_TITLE_CHARS: usize = 6;
    line.chars().count() >= MIN_TITLE_CHARS
        && page_meta.iter().any(|(key, title)| {
            matches!(key.as_str(), "title" | "ArticleTitle") && title.contains(line)
        })
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Elements that start and end a line of text.
fn breaks_line(name: &str) -> bool {
    is_heading(name)
        || matches!(
            name,
            "address"
                | "article"
                | "aside"
                | "blockquote"
                | "body"
                | "br"
                | "caption"
                | "center"
                | "dd"
                | "details"
                | "div"
                | "dl"
                | "dt"
                | "fieldset"
                | "figcaption"
                | "figure"
                | "footer"
                | "form"
                | "header"
                | "hgroup"
                | "hr"
                | "html"
                | "legend"
                | "li"
                | "main"
                | "nav"
                | "ol"
                | "p"
                | "pre"
                | "section"
                | "summary"
                | "table"
                | "ul"
        )
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_lines() {
        assert!(is_metadata_line("发布时间:2024-03-01"));
        assert!(is_metadata_line("成文日期 2024年3月1日"));
        assert!(is_metadata_line("信息来源:司法局"));
        assert!(!is_metadata_line("首页 > 政务公开"));
        assert!(!is_metadata_line("发布会时间另行通知"));
    }

    #[test]
    fn the_article_title_survives_dropped_chrome() {
        let body = "依法行政水平持续提升。".repeat(4);
        let page = format!(
            "<head><title>2023年法治政府建设年度报告_XX市人民政府</title></head><body>\
             <div class=\"detail-header\"><div>2023年法治政府建设年度报告</div><div>分享</div></div>\
             <p>{body}</p></body>"
        );
        assert_eq!(
            read(&page).text,
            format!("2023年法治政府建设年度报告\n{body}")
        );
    }

    #[test]
    fn inline_chrome_does_not_split_a_paragraph() {
        let body = "依法行政水平持续提升。".repeat(4);
        let page = format!("<p>{body}<span class=\"share\">分享</span>{body}</p>");
        assert_eq!(read(&page).text, format!("{body}分享{body}"));
    }

    #[test]
    fn chrome_holding_most_of_the_page_is_content() {
        let page = "<body><div class=\"header\">XX市人民政府</div>\
                    <div class=\"navContent\"><p>一、主要成效</p><p>依法行政水平持续提升。</p></div></body>";
        assert_eq!(read(page).text, "一、主要成效\n依法行政水平持续提升。");
    }

    #[test]
    fn headings_and_metadata_survive_dropped_chrome() {
        let body = "依法行政水平持续提升。".repeat(4);
        let page = format!(
            "<body><header><a>首页</a><h1>2023年法治政府建设年度报告</h1>\
             <span>发布日期:2024-03-01</span></header><div><p>{body}</p></div></body>"
        );
        assert_eq!(
            read(&page).text,
            format!("2023年法治政府建设年度报告\n发布日期:2024-03-01\n{body}")
        );
    }
}
