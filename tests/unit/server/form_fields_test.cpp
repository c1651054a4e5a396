#include "server/form_fields.h"

#include <gtest/gtest.h>

namespace vern::server {
namespace {

TEST(FormFields, DecodesTheNamedField) {
  EXPECT_EQ(form_field("password=secret", "password"), "secret");
  EXPECT_EQ(form_field("a=1&password=two+words%21&b=2", "password"), "two words!");
  EXPECT_EQ(form_field("password=caf%C3%A9", "password"), "caf\xC3\xA9");
  EXPECT_EQ(form_field("password=", "password"), "");
  EXPECT_FALSE(form_field("pass=x", "password"));
  EXPECT_FALSE(form_field("password=%4", "password"));
  EXPECT_FALSE(form_field("", "password"));
}

}  // namespace
}  // namespace vern::server
