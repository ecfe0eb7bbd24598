//! Attribute blocks: `{#id kind unit="만 위안"}` at the end of a caption, a header cell or a
//! row's first cell (headings' blocks are pulldown-cmark's).

#[derive(Debug, Default)]
pub(crate) struct Attrs {
    pub(crate) id: Option<String>,
    pub(crate) words: Vec<String>,
    pub(crate) pairs: Vec<(String, String)>,
}

/// Splits `text {…}` into the text and its attributes; `None` attributes when there is no block.
pub(crate) fn split_attrs(text: &str) -> Result<(String, Option<Attrs>), String> {
    let trimmed = text.trim_end();
    if !trimmed.ends_with('}') {
        return Ok((trimmed.to_string(), None));
    }
    let Some(open) = trimmed.rfind('{') else {
        return Err("a `}` without its `{`".to_string());
    };
    let inner = &trimmed[open + 1..trimmed.len() - 1];
    let mut attrs = Attrs::default();
    let mut rest = inner.trim();
    while !rest.is_empty() {
        let token_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let token = &rest[..token_end];
        if let Some((key, value)) = token.split_once('=') {
            let (value, consumed) = if let Some(quoted) = rest[key.len() + 1..].strip_prefix('"') {
                let Some(close) = quoted.find('"') else {
                    return Err(format!("the value of {key}= has no closing quote"));
                };
                (quoted[..close].to_string(), key.len() + 1 + close + 2)
            } else {
                (value.to_string(), token_end)
            };
            attrs.pairs.push((key.to_string(), value));
            rest = rest[consumed..].trim_start();
            continue;
        }
        if let Some(id) = token.strip_prefix('#') {
            if attrs.id.replace(id.to_string()).is_some() {
                return Err("two ids in one attribute block".to_string());
            }
        } else {
            attrs.words.push(token.to_string());
        }
        rest = rest[token_end..].trim_start();
    }
    Ok((trimmed[..open].trim_end().to_string(), Some(attrs)))
}
