#include "catalogue/search_query.h"

#include <gtest/gtest.h>

namespace vern::catalogue {
namespace {

SearchQuery parse(std::string_view text) {
  auto q = parse_search_query(text);
  EXPECT_TRUE(q) << text << ": " << q.error().message;
  return q ? *q : SearchQuery{};
}

std::string error_of(std::string_view text) {
  auto q = parse_search_query(text);
  EXPECT_FALSE(q) << text;
  return q ? "" : q.error().message;
}

TEST(SearchQuery, SeparatesFreeTextPhrasesAndFilters) {
  const auto q = parse(R"(performers "Red Square" camera:"Nikon D90" lens:35mm keyword:siberia)");
  EXPECT_EQ(q.words, std::vector<std::string>{"performers"});
  EXPECT_EQ(q.phrases, std::vector<std::string>{"Red Square"});
  EXPECT_EQ(q.cameras, std::vector<std::string>{"Nikon D90"});
  EXPECT_EQ(q.lenses, std::vector<std::string>{"35mm"});
  EXPECT_EQ(q.keywords, std::vector<std::string>{"siberia"});
  EXPECT_EQ(q.missing, MissingFilter::kPresentOnly);
}

TEST(SearchQuery, FilterNamesIgnoreCaseAndWordsKeepTheirColons) {
  const auto q = parse("Camera:canon 12:30");
  EXPECT_EQ(q.cameras, std::vector<std::string>{"canon"});
  EXPECT_EQ(q.words, std::vector<std::string>{"12:30"});
}

TEST(SearchQuery, ReadsComparisonsAndRanges) {
  const auto q = parse("iso:>3200 rating:>=4 focal:24..70");
  ASSERT_TRUE(q.iso && q.rating && q.focal);
  EXPECT_EQ(q.iso->low, 3200);
  EXPECT_FALSE(q.iso->low_inclusive);
  EXPECT_FALSE(q.iso->high);
  EXPECT_EQ(q.rating->low, 4);
  EXPECT_TRUE(q.rating->low_inclusive);
  EXPECT_EQ(q.focal->low, 24);
  EXPECT_EQ(q.focal->high, 70);
  const auto exact = parse("focal:35 iso:..400");
  EXPECT_EQ(exact.focal->low, 35);
  EXPECT_EQ(exact.focal->high, 35);
  EXPECT_FALSE(exact.iso->low);
  EXPECT_EQ(exact.iso->high, 400);
}

TEST(SearchQuery, RepeatedRangesIntersect) {
  const auto q = parse("iso:>=200 iso:<=800 iso:>100");
  EXPECT_EQ(q.iso->low, 200);
  EXPECT_TRUE(q.iso->low_inclusive);
  EXPECT_EQ(q.iso->high, 800);
}

TEST(SearchQuery, ReadsDatesAndDateRanges) {
  const auto year = parse("taken:2019");
  EXPECT_EQ(year.taken->from, "2019");
  EXPECT_EQ(year.taken->to, "2019");
  const auto range = parse("taken:2019-05..2021-03");
  EXPECT_EQ(range.taken->from, "2019-05");
  EXPECT_EQ(range.taken->to, "2021-03");
  const auto open = parse("taken:2020-02-29..");
  EXPECT_EQ(open.taken->from, "2020-02-29");
  EXPECT_EQ(open.taken->to, "");
}

TEST(SearchQuery, NormalisesFormatNamesAndMissing) {
  const auto q = parse("format:JPG format:heic missing:any");
  EXPECT_EQ(q.formats, (std::vector<std::string>{"jpeg", "heif"}));
  EXPECT_EQ(q.missing, MissingFilter::kAny);
  EXPECT_EQ(parse("missing:yes").missing, MissingFilter::kMissingOnly);
}

TEST(SearchQuery, ExplainsWhatIsWrong) {
  EXPECT_NE(error_of("colour:red").find("unknown filter 'colour:'"), std::string::npos);
  EXPECT_NE(error_of("iso:high").find("'iso:high'"), std::string::npos);
  EXPECT_NE(error_of("taken:19-05").find("expected a date"), std::string::npos);
  EXPECT_NE(error_of("taken:2019-13").find("expected a date"), std::string::npos);
  EXPECT_NE(error_of("\"red square").find("unterminated quote"), std::string::npos);
  EXPECT_NE(error_of("format:gif").find("unknown format"), std::string::npos);
  EXPECT_NE(error_of("camera:").find("needs a value"), std::string::npos);
  EXPECT_NE(error_of("missing:maybe").find("yes, no or any"), std::string::npos);
}

TEST(SearchQuery, ControlCharactersSeparateWords) {
  // Found by fuzz/search_fuzzer: NUL bytes inside a word reached FTS5 and failed the query.
  const auto q =
      parse(std::string_view("red squa\0\0re\tcamera:nikon \"a\x01"
                             "b\"",
                             31));
  EXPECT_EQ(q.words, (std::vector<std::string>{"red", "squa", "re"}));
  EXPECT_EQ(q.cameras, std::vector<std::string>{"nikon"});
  EXPECT_EQ(q.phrases, std::vector<std::string>{"a b"});
}

TEST(SearchQuery, EmptyQueryMatchesEverythingPresent) {
  const auto q = parse("   ");
  EXPECT_TRUE(q.words.empty());
  EXPECT_FALSE(q.has_text_match());
}

TEST(SearchQuery, KnowsTheSortFields) {
  EXPECT_EQ(sort_field_from_name("taken"), SortField::kTaken);
  EXPECT_EQ(sort_field_from_name("Rating"), SortField::kRating);
  EXPECT_FALSE(sort_field_from_name("colour"));
}

}  // namespace
}  // namespace vern::catalogue
