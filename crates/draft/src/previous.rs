//! What the drafter takes from last year's report: its figures, for the
//! year-over-year changes, and its plan for this year, listed as 上年度承诺
//! for the writer to report on.

use fazhi_engine::{Analysis, Decimal, Input, Qualifier};
use fazhi_text::{read_bytes, Limits, ReadError};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Previous {
    /// Exact figures of results (not plan targets), first per indicator.
    pub figures: Vec<(String, Decimal)>,
    /// The items of its next-year plan, in order.
    pub commitments: Vec<String>,
}

impl Previous {
    /// Reads last year's report from its file's bytes (any format
    /// fazhi-text reads; `name` gives the format away) and analyses it.
    pub fn read(bytes: &[u8], name: &str, limits: &Limits) -> Result<Previous, ReadError> {
        let source = read_bytes(bytes, name, limits)?;
        let analysis = fazhi_engine::analyze(&Input {
            text: &source.text,
            page_meta: &source.page_meta,
        });
        Ok(Previous::from_analysis(&analysis, &source.text))
    }

    /// Reads the analysis of last year's report; `text` is the text it was
    /// made from (the spans are character offsets into it).
    pub fn from_analysis(analysis: &Analysis, text: &str) -> Previous {
        let mut figures: Vec<(String, Decimal)> = Vec::new();
        for fact in &analysis.facts {
            let Some(indicator) = &fact.indicator else {
                continue;
            };
            let exact = fact.qualifier == Qualifier::Exact;
            if exact
                && !fact.plan
                && fact.repeats.is_none()
                && !figures.iter().any(|(i, _)| i == indicator)
            {
                figures.push((indicator.clone(), fact.value));
            }
        }
        Previous {
            figures,
            commitments: commitments(analysis, text),
        }
    }

    pub fn value(&self, indicator: &str) -> Option<Decimal> {
        self.figures
            .iter()
            .find(|(i, _)| i == indicator)
            .map(|(_, v)| *v)
    }
}

/// The plan's items: the headings inside its section, else its paragraphs'
/// first sentences ("一是……").
fn commitments(analysis: &Analysis, text: &str) -> Vec<String> {
    let Some(plan) = &analysis.parts.next_year_plan else {
        return Vec::new();
    };
    let chars: Vec<char> = text.chars().collect();
    let slice = |start: usize, end: usize| -> String {
        chars[start.min(chars.len())..end.min(chars.len())]
            .iter()
            .collect()
    };
    let headings: Vec<String> = analysis
        .outline
        .iter()
        .filter(|h| h.start > plan.start && h.end <= plan.end)
        .map(|h| h.title.trim().to_owned())
        .collect();
    if !headings.is_empty() {
        return headings;
    }
    let section = slice(plan.start, plan.end);
    section
        .lines()
        .skip(usize::from(plan.heading))
        .filter_map(|line| {
            let sentence = line
                .trim()
                .split_inclusive(['。', '；', ';'])
                .next()?
                .trim();
            (sentence.chars().count() >= 6).then(|| sentence.to_owned())
        })
        .collect()
}
