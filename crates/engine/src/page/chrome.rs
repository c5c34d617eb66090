//! Site chrome: the lines a government web page wraps around a report —
//! breadcrumbs, font-size and print widgets, share buttons, accessibility
//! switches, footers.
//!
//! This module only says whether one line is chrome (and whether it is a
//! footer line, after which no report text follows). It does not read the
//! metadata some of these lines carry (`fields`), and it does not decide where
//! the body starts (`Page::read`). The word lists are data: extend them when a
//! new site shows a new widget, not by matching whole lines of one site.

use std::borrow::Cow;
use std::sync::LazyLock;

use super::scan::Words;

/// Words that, alone or together on a line, are page widgets. A line made only
/// of these (and separators) is chrome: "字体[ 大 中 小 ]", "打印整页 打印内容 分享",
/// "无障碍 简体 | 繁体 长者模式", "【字号: 收藏收藏 打印打印".
const WIDGET_WORDS: &[&str] = &[
    "打印本页",
    "打印此页",
    "打印整页",
    "打印内容",
    "打印文章",
    "打印",
    "关闭窗口",
    "关闭本页",
    "关闭",
    "分享到",
    "分享",
    "收藏",
    "加入收藏",
    "设为首页",
    "返回首页",
    "返回顶部",
    "返回",
    "无障碍阅读",
    "无障碍浏览",
    "无障碍",
    "长者模式",
    "长者版",
    "关怀版",
    "适老化",
    "简体",
    "繁体",
    "字号",
    "字体",
    "默认",
    "超大",
    "大",
    "中",
    "小",
    "扫一扫",
    "我要纠错",
    "纠错",
    "close",
    "arrow",
    "EN",
];

/// Characters that separate or decorate widgets; a line of only these is chrome.
const WIDGET_PUNCT: &[char] = &[
    ':', '[', ']', '【', '】', '(', ')', '|', '•', '·', '-', '>', '/', '*',
];

/// Line openings of a breadcrumb trail ("当前位置: 首页 > 政务 > …").
const BREADCRUMB_OPENINGS: &[&str] = &[
    "当前位置",
    "您所在的位置",
    "您的位置",
    "您现在的位置",
    "所在位置",
    "当前所在位置",
    "面包屑",
];

/// Words that only page footers carry. A short line with one of them ends the
/// report body. Words that a report could also use ("主办", "技术支持") count
/// only as labels, with their colon.
const FOOTER_WORDS: &[&str] = &[
    "版权所有",
    "版权声明",
    "ICP备",
    "icp备",
    "网站标识码",
    "公网安备",
    "主办单位:",
    "承办单位:",
    "技术支持:",
    "联系我们",
    "网站地图",
    "上一篇",
    "下一篇",
    "相关链接",
    "相关文章",
    "相关阅读",
    "相关新闻",
    "打印本页",
    "关闭窗口",
    "扫一扫在手机",
    "责任编辑",
];

/// The longest line (in chars) that can be a footer or chrome line; longer
/// lines are report text even when they mention a footer word.
const MAX_CHROME_CHARS: usize = 80;

static WIDGETS: LazyLock<Words> = LazyLock::new(|| Words::new(WIDGET_WORDS));
static BREADCRUMBS: LazyLock<Words> = LazyLock::new(|| Words::new(BREADCRUMB_OPENINGS));
static FOOTERS: LazyLock<Words> = LazyLock::new(|| Words::new(FOOTER_WORDS));

/// Whether one whitespace-separated token is a widget ("打印", "字号:", "收藏收藏").
pub(crate) fn is_chrome_token(token: &str) -> bool {
    let words: Cow<str> = if token.contains(WIDGET_PUNCT) {
        token
            .chars()
            .filter(|c| !WIDGET_PUNCT.contains(c))
            .collect()
    } else {
        token.into()
    };
    let mut rest = words.as_ref();
    while !rest.is_empty() {
        match WIDGETS.prefix_of(rest) {
            Some(w) => rest = &rest[w.len()..],
            None => return false,
        }
    }
    true
}

/// Whether the whole line is site chrome.
pub(crate) fn is_chrome(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty() || line.chars().count() > MAX_CHROME_CHARS {
        return false;
    }
    line.split_whitespace().all(is_chrome_token)
        || is_breadcrumb(line)
        || is_today_widget(line)
        || is_url(line)
}

/// Whether the line is a page footer line (chrome after which no text follows).
pub(crate) fn is_footer(line: &str) -> bool {
    let line = line.trim();
    line.chars().count() <= MAX_CHROME_CHARS
        && !line.contains('。')
        && !crate::outline::is_heading_line(line)
        && FOOTERS.found_in(line)
}

fn is_breadcrumb(line: &str) -> bool {
    let opening = line.trim_start_matches(WIDGET_PUNCT);
    if BREADCRUMBS.prefix_of(opening).is_some() {
        return true;
    }
    // "政务公开 > 政策文件 > 河东区文件", "首页 -> 政务公开 -> …": a trail of links.
    let arrows = line.matches('>').count() + line.matches('»').count();
    arrows >= 2 && !line.contains('。') && !line.contains(',')
}

/// "今天是:2019年10月31日 星期三", "天津市河东区人民政府 2019年12月3日星期二":
/// a clock widget showing the day the page was viewed.
fn is_today_widget(line: &str) -> bool {
    line.contains("今天是")
        || (line.contains("星期")
            && line.contains('年')
            && line.contains('日')
            && !line.contains('。'))
}

fn is_url(line: &str) -> bool {
    (line.starts_with("http://") || line.starts_with("https://") || line.starts_with("www."))
        && !line.contains(' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chrome_lines() {
        for line in [
            "当前位置: 首页 > 政务 > 专题专栏 > 执法公开 > 其他信息公开",
            "您所在的位置:政务公开 > 工作报告",
            "首页 -> 政务公开 -> 其他政府信息 -> 工作报告 -> 部门工作报告",
            "政务公开  >  政策文件  >  河东区文件  >  区政府文件",
            "字号 大 中 小",
            "字体[ 大 中 小 ]",
            "  • 字号:",
            "  • |",
            "  • 打印",
            "|",
            "||||||||||||||||||",
            "打印",
            "关闭",
            "分享到",
            "无障碍阅读",
            "适老化 无障碍浏览",
            "无障碍 无障碍 简体 | 繁体 长者模式 长者模式",
            "打印整页 打印内容 分享",
            "【字体:  【打印内容】",
            "【字号: 收藏收藏 打印打印",
            "[字体: ] 打印",
            "今天是:2019年10月31日 星期三 农历十月初七",
            "天津市河东区人民政府 2019年12月3日星期二",
            "https://www.gov.cn/",
            "- 设为首页",
            "close",
        ] {
            assert!(is_chrome(line), "should be chrome: {line}");
        }
    }

    #[test]
    fn report_lines_are_not_chrome() {
        for line in [
            "一、主要举措和成效",
            "株洲市芦淞区人民政府",
            "2024年2月23日",
            "临淄区2023年法治政府建设年度报告",
            "(二)强化组织领导。区委、区政府高度重视法治政府建设工作",
            "中共湖州市委、湖州市人民政府:",
            "工作总结",
        ] {
            assert!(!is_chrome(line), "should not be chrome: {line}");
        }
    }

    #[test]
    fn footer_lines() {
        for line in [
            "版权所有:临淄区人民政府办公室",
            "鲁ICP备05001234号",
            "网站标识码:3703050001",
            "【我要纠错】责任编辑:吴啸浪",
            "上一篇:关于…",
            "主办单位:临淄区人民政府办公室 技术支持:某公司",
        ] {
            assert!(is_footer(line), "should be a footer: {line}");
        }
        assert!(!is_footer("一、主要举措和成效"));
        assert!(!is_footer("(三)强化技术支持:建设执法平台"));
        let long = "扎实推进法治政府建设,".repeat(10) + "上一篇";
        assert!(!is_footer(&long));
    }
}
