// Deleting a draft article (editing.hpp).
#include "content/editing.hpp"

namespace rynek::content {

DraftDeletion delete_draft_article(store::Connection& db, std::int64_t id) {
  auto row = db.query_one("SELECT status FROM articles WHERE id = ?", {id});
  if (!row) return DraftDeletion::not_found;
  if (parse_status(row->text(0)) != ArticleStatus::draft) return DraftDeletion::not_draft;
  // Tags this draft alone used go with it: a row left behind would keep its
  // tag page answering, and its spelling of the name would win over the next
  // article's (set_tags keeps an existing tag's name).
  std::vector<std::int64_t> tag_ids;
  for (const auto& tag : db.query("SELECT tag_id FROM article_tags WHERE article_id = ?", {id})) {
    tag_ids.push_back(tag.integer(0));
  }
  // article_tags and attachments are declared ON DELETE CASCADE and the store
  // turns foreign keys on for every writing connection (store/sqlite), so the
  // one DELETE removes them in the same transaction. The media rows and the
  // files they describe stay: the store is content-addressed, and the same
  // file may be another article's attachment, a hero or a seminar's material.
  db.execute("DELETE FROM articles WHERE id = ? AND status = 'draft'", {id});
  for (auto tag_id : tag_ids) {
    db.execute(
        "DELETE FROM tags WHERE id = ? AND NOT EXISTS (SELECT 1 FROM article_tags WHERE tag_id = ?)",
        {tag_id, tag_id});
  }
  bump_content_version(db);
  return DraftDeletion::deleted;
}

}  // namespace rynek::content
