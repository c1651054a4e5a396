#include "site/work.h"

#include <cctype>

namespace vern::site {

std::optional<int> work_year(const Work& work, const PhotoMetadata& metadata) {
  if (work.year) return work.year;
  const auto& taken = metadata.taken_at;
  if (!taken || taken->size() < 4) return std::nullopt;
  int year = 0;
  for (int i = 0; i < 4; ++i) {
    const char c = (*taken)[static_cast<std::size_t>(i)];
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    year = year * 10 + (c - '0');
  }
  return year;
}

std::vector<std::pair<std::string, std::string>> work_facts(const Work& work,
                                                            const PhotoMetadata& metadata,
                                                            bool show_prices) {
  std::vector<std::pair<std::string, std::string>> facts;
  if (work.empty() || (work.title && !work.year && !work.medium && !work.print_size &&
                       !work.edition && !work.price && !work.plate)) {
    return facts;  // a title alone is shown as the title
  }
  if (work.plate) facts.emplace_back("Plate", std::to_string(*work.plate));
  if (const auto year = work_year(work, metadata))
    facts.emplace_back("Year", std::to_string(*year));
  if (work.medium) facts.emplace_back("Medium", *work.medium);
  if (work.print_size) facts.emplace_back("Size", *work.print_size);
  if (work.edition) facts.emplace_back("Edition", *work.edition);
  if (work.price && show_prices) facts.emplace_back("Price", *work.price);
  return facts;
}

}  // namespace vern::site
