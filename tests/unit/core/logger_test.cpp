#include "core/logger.h"

#include <gtest/gtest.h>

#include <sstream>

namespace vern {
namespace {

TEST(Logger, EventValuesWithSpacesQuotesOrEqualsAreQuoted) {
  EXPECT_EQ(format_event_field({"path", "streets/nikon-d90.jpg"}), "path=streets/nikon-d90.jpg");
  EXPECT_EQ(format_event_field({"path", "machines/Canon EOS 20D (2).jpg"}),
            "path=\"machines/Canon EOS 20D (2).jpg\"");
  EXPECT_EQ(format_event_field({"path", "a=b \"c\" \\d"}), "path=\"a=b \\\"c\\\" \\\\d\"");
  EXPECT_EQ(format_event_field({"path", "line\nbreak\x01"}), "path=\"line\\nbreak\\x01\"");
  EXPECT_EQ(format_event_field({"path", ""}), "path=\"\"");
  EXPECT_EQ(format_event_field({"path", "Ёлка.jpg"}), "path=Ёлка.jpg");
}

TEST(Logger, EventsAreWrittenOnlyWhenVerbose) {
  std::ostringstream verbose_out;
  Logger verbose(verbose_out, Verbosity::kVerbose);
  verbose.event("photo.published", {{"path", "Canon EOS 20D (2).jpg"}, {"read", "1"}});
  EXPECT_EQ(verbose_out.str(), "event=photo.published path=\"Canon EOS 20D (2).jpg\" read=1\n");
  std::ostringstream normal_out;
  Logger normal(normal_out, Verbosity::kNormal);
  normal.event("photo.published", {{"path", "x.jpg"}});
  EXPECT_EQ(normal_out.str(), "");
}

}  // namespace
}  // namespace vern
