#pragma once

namespace sieve::pii {

// Suggests the 'pii' flag of image ?1 with note ?2, confidence ?3, at ?4. The PII scan and the
// face scan both suggest it, in either order: a suggestion already there keeps its note and
// gains the new one ("phone; face"), and keeps the higher confidence. A flag the analyst set
// or dismissed is never changed. db.changes() is 1 when the row was written.
inline constexpr const char *kSuggestPiiFlag =
    "INSERT INTO flags(image_id, kind, state, note, source, confidence, updated_at) "
    "VALUES(?, 'pii', 'suggested', ?, 'detector', ?, ?) "
    "ON CONFLICT(image_id, kind) DO UPDATE SET "
    "note = CASE WHEN flags.note = '' THEN excluded.note "
    "WHEN instr('; ' || flags.note || '; ', '; ' || excluded.note || '; ') > 0 THEN flags.note "
    "ELSE flags.note || '; ' || excluded.note END, "
    "confidence = max(coalesce(flags.confidence, 0), excluded.confidence), updated_at = excluded.updated_at "
    "WHERE flags.state = 'suggested' AND flags.source = 'detector'";

} // namespace sieve::pii
