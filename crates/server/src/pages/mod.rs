//! The workbench's pages, rendered on the server in Chinese.
//!
//! `layout` gives every page the same frame (navigation, skip link, the
//! embedded stylesheet and script); each page module builds its body. All
//! text goes through `maud`, which escapes it: nothing a report says can
//! become markup. The filters shared by lists, comparisons and exports are
//! read here (`Filters`).

pub(crate) mod compare;
pub(crate) mod fill;
pub(crate) mod import;
pub(crate) mod overview;
pub(crate) mod report;
pub(crate) mod search;

use fazhi_store::ReportFilter;
use maud::{html, Markup, DOCTYPE};
use serde::Deserialize;

use crate::failure::Failure;

/// The sections of the navigation.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    Overview,
    Import,
    Search,
    Compare,
    Fill,
    None,
}

const NAVIGATION: &[(Section, &str, &str)] = &[
    (Section::Overview, "/", "总览"),
    (Section::Import, "/import", "导入"),
    (Section::Search, "/search", "检索"),
    (Section::Compare, "/compare", "对比"),
    (Section::Fill, "/fill", "填报"),
];

/// The frame of every page.
pub(crate) fn layout(title: &str, section: Section, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="zh-CN" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · 法治政府建设年度报告审核工作台" }
                link rel="stylesheet" href="/assets/style.css";
                script src="/assets/app.js" defer {}
            }
            body {
                a.skip href="#main" { "跳到正文" }
                header.site {
                    a.brand href="/" { "法治政府建设年度报告 · 审核工作台" }
                    nav aria-label="主导航" {
                        ul {
                            @for (s, href, label) in NAVIGATION {
                                li {
                                    a href=(href) aria-current=[(*s == section).then_some("page")] { (label) }
                                }
                            }
                        }
                    }
                }
                main #main { (body) }
                footer.site { "fazhi · 数据只保存在本机的数据目录中" }
            }
        }
    }
}

/// The page for a failed request.
pub(crate) fn failure(failure: &Failure) -> Markup {
    layout(
        "出错了",
        Section::None,
        html! {
            h1 { "无法完成请求" }
            p.error role="alert" { (failure.message) }
            p { a href="/" { "返回总览" } }
        },
    )
}

/// The filters of lists, comparisons and exports, as a form sends them
/// (empty fields are no filter).
#[derive(Clone, Debug, Default, Deserialize)]
pub(crate) struct Filters {
    pub year: Option<String>,
    pub level: Option<String>,
    pub region: Option<String>,
}

impl Filters {
    pub(crate) fn to_store(&self) -> ReportFilter {
        let given = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        ReportFilter {
            year: given(&self.year).and_then(|y| y.parse().ok()),
            level: given(&self.level),
            region: given(&self.region),
            ids: None,
        }
    }

    /// The filters as a query string, for links that keep them.
    pub(crate) fn query(&self) -> String {
        let filter = self.to_store();
        let mut pairs = Vec::new();
        if let Some(y) = filter.year {
            pairs.push(format!("year={y}"));
        }
        if let Some(l) = &filter.level {
            pairs.push(format!("level={}", encode(l)));
        }
        if let Some(r) = &filter.region {
            pairs.push(format!("region={}", encode(r)));
        }
        pairs.join("&")
    }

    /// The filter form's fields.
    pub(crate) fn fields(&self, years: &[i32]) -> Markup {
        let filter = self.to_store();
        html! {
            div.field {
                label for="year" { "报告年度" }
                select #year name="year" {
                    option value="" { "全部" }
                    @for y in years {
                        option value=(y) selected[filter.year == Some(*y)] { (y) "年" }
                    }
                }
            }
            div.field {
                label for="level" { "层级" }
                select #level name="level" {
                    option value="" { "全部" }
                    @for (value, label) in LEVELS {
                        option value=(value) selected[filter.level.as_deref() == Some(*value)] { (label) }
                    }
                }
            }
            div.field {
                label for="region" { "地区" }
                input #region name="region" type="search" placeholder="如: 株洲市" value=[filter.region.as_deref()];
            }
        }
    }
}

/// The levels of government, as stored and as shown.
pub(crate) const LEVELS: &[(&str, &str)] = &[
    ("national", "国家"),
    ("province", "省级"),
    ("city", "市级"),
    ("county", "县级"),
    ("township", "乡镇(街道)"),
    ("department", "部门"),
];

pub(crate) fn level_label(level: Option<&str>) -> &'static str {
    level
        .and_then(|l| LEVELS.iter().find(|(v, _)| *v == l))
        .map_or("未知", |(_, label)| label)
}

pub(crate) fn severity_label(severity: &str) -> &'static str {
    match severity {
        "error" => "错误",
        "warning" => "警告",
        _ => "提示",
    }
}

/// `s` percent-encoded for a query string.
pub(crate) fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
