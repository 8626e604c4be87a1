//! Typo correction: the nearest known term for each unknown word.

use sqlx::PgConnection;

/// How alike a typo and its correction must be (pg_trgm similarity, 0–1).
const MIN_SIMILARITY: f32 = 0.25;

/// Replaces each word that no title or skill contains with its nearest
/// known term, by trigram similarity. `None` when nothing changed.
pub async fn correct_spelling(
    conn: &mut PgConnection,
    text: &str,
) -> Result<Option<String>, sqlx::Error> {
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    let candidates: Vec<String> = words
        .iter()
        .map(|w| {
            let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
            // Operators, exclusions and quoted phrases are left as typed.
            if w.starts_with('-') || w.contains('"') || w == "or" || bare.chars().count() < 3 {
                String::new()
            } else {
                bare.to_owned()
            }
        })
        .collect();
    // A word is "known" when some open job's search document contains it;
    // only unknown words are corrected, so a rare but real word is kept.
    let nearest = sqlx::query!(
        r#"
        SELECT w.word AS "word!", n.term AS "term?", n.similarity AS "similarity?",
               (w.word = ''
                OR numnode(plainto_tsquery('english', w.word)) = 0
                OR EXISTS (SELECT 1 FROM jobs j
                           WHERE j.search @@ plainto_tsquery('english', w.word)
                             AND j.status = 'published' AND j.valid_through > now())) AS "known!"
        FROM unnest($1::text[]) WITH ORDINALITY AS w (word, position)
        LEFT JOIN LATERAL (
            SELECT term, similarity(term, w.word) AS similarity
            FROM search_terms
            WHERE w.word <> ''
            ORDER BY term <-> w.word
            LIMIT 1
        ) n ON true
        ORDER BY w.position
        "#,
        &candidates
    )
    .fetch_all(conn)
    .await?;

    let mut changed = false;
    let corrected: Vec<String> = words
        .into_iter()
        .zip(nearest)
        .map(|(word, row)| match (row.term, row.similarity) {
            (Some(term), Some(similarity))
                if !row.known && term != row.word && similarity >= MIN_SIMILARITY =>
            {
                changed = true;
                term
            }
            _ => word,
        })
        .collect();
    Ok(changed.then(|| corrected.join(" ")))
}

/// Rebuilds the typo-correction vocabulary after jobs were added.
pub async fn refresh_search_terms(conn: &mut PgConnection) -> Result<(), sqlx::Error> {
    sqlx::query!("REFRESH MATERIALIZED VIEW CONCURRENTLY search_terms")
        .execute(conn)
        .await?;
    Ok(())
}
