#include "catalogue/detail/change_statements.h"

namespace vern::catalogue::detail {

std::vector<SqlStatement> change_statements(
    const ChangeSet& changes, char marker,
    const std::function<SqlStatement(const PhotoRecord&)>& put) {
  const std::string first(1, marker);
  const std::string one = first + "1", two = first + "2";
  const std::string delete_path = "DELETE FROM photos WHERE path = " + one;
  const std::string move_path = "UPDATE photos SET path = " + two + " WHERE path = " + one;
  const std::string mark_missing = "UPDATE photos SET missing = 1 WHERE path = " + one;
  std::vector<SqlStatement> statements;
  statements.reserve(changes.put.size() + 3 * changes.moved.size() + changes.missing.size() +
                     changes.forgotten.size());
  for (const auto& record : changes.put) statements.push_back(put(record));
  for (const auto& move : changes.moved) {
    statements.push_back({delete_path, {move.record.path}});
    statements.push_back({move_path, {move.from_path, move.record.path}});
    statements.push_back(put(move.record));
  }
  for (const auto& path : changes.missing) statements.push_back({mark_missing, {path}});
  for (const auto& path : changes.forgotten) statements.push_back({delete_path, {path}});
  return statements;
}

}  // namespace vern::catalogue::detail
