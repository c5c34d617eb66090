//! The draft as Markdown: for reading in a browser or a diff, and for
//! pasting into another editor. 公文 layout is the DOCX writer's business.

use crate::model::{Block, Draft, HeadingLevel, Inline};

pub fn to_markdown(draft: &Draft) -> String {
    let mut out = format!("# {}\n\n", draft.title);
    for block in &draft.blocks {
        match block {
            Block::Heading { level, text } => {
                let marks = match level {
                    HeadingLevel::First => "##",
                    HeadingLevel::Second => "###",
                };
                out.push_str(&format!("{marks} {}\n\n", shown(text)));
            }
            Block::Paragraph(text) => out.push_str(&format!("{}\n\n", shown(text))),
        }
    }
    out.push_str(&format!(
        "<p align=\"right\">{}<br>{}</p>\n",
        draft.signature.unit, draft.signature.date
    ));
    out
}

fn shown(inlines: &[Inline]) -> String {
    inlines.iter().map(Inline::shown).collect()
}
