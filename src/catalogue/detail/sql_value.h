#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

// What every backend's statements are made of: values bound to placeholders and the cells of a
// result row, so that the photos table's columns and the search are written once for all of them.
namespace vern::catalogue::detail {

// NULL, text, a floating-point number or an integer.
using SqlValue = std::variant<std::monostate, std::string, double, std::int64_t>;

template <class T>
SqlValue sql_value(const std::optional<T>& value) {
  if (!value) return std::monostate{};
  if constexpr (std::is_same_v<T, std::string>) {
    return *value;
  } else if constexpr (std::is_integral_v<T>) {
    return static_cast<std::int64_t>(*value);
  } else {
    return static_cast<double>(*value);
  }
}

// A statement and the values of its placeholders, in order.
struct SqlStatement {
  std::string sql;
  std::vector<SqlValue> values;
};

// The cells of the current row of a result, numbered from 0.
class RowCells {
 public:
  virtual ~RowCells() = default;
  [[nodiscard]] virtual bool is_null(int column) const = 0;
  [[nodiscard]] virtual std::string_view text(int column) const = 0;  // "" for NULL
  [[nodiscard]] virtual std::int64_t integer(int column) const = 0;
  [[nodiscard]] virtual double real(int column) const = 0;

  [[nodiscard]] std::optional<std::string> optional_text(int column) const {
    if (is_null(column)) return std::nullopt;
    return std::string(text(column));
  }
  [[nodiscard]] std::optional<int> optional_int(int column) const {
    if (is_null(column)) return std::nullopt;
    return static_cast<int>(integer(column));
  }
  [[nodiscard]] std::optional<double> optional_real(int column) const {
    if (is_null(column)) return std::nullopt;
    return real(column);
  }
};

}  // namespace vern::catalogue::detail
