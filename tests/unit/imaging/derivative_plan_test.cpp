#include "imaging/derivative_plan.h"

#include <gtest/gtest.h>

namespace vern::imaging {
namespace {

std::vector<int> long_edges(const std::vector<Derivative>& plan) {
  std::vector<int> edges;
  for (const auto& d : plan) edges.push_back(long_edge(d));
  return edges;
}

TEST(DerivativePlan, MakesEachRequestedSizeKeepingTheAspectRatio) {
  ImagingSettings settings;
  settings.long_edges = {480, 960};
  const auto plan = plan_derivatives("abc", 3000, 2000, settings, {});
  ASSERT_EQ(plan.size(), 2u);
  EXPECT_EQ(plan[0].width, 480);
  EXPECT_EQ(plan[0].height, 320);
  EXPECT_EQ(plan[1].width, 960);
  EXPECT_EQ(plan[1].height, 640);
}

TEST(DerivativePlan, NeverMakesASizeLargerThanTheOriginal) {
  ImagingSettings settings;
  settings.long_edges = {480, 960, 1600, 2400};
  const auto plan = plan_derivatives("abc", 1200, 900, settings, {});
  EXPECT_EQ(long_edges(plan), (std::vector<int>{480, 960, 1200}));
  const auto tiny = plan_derivatives("abc", 300, 200, settings, {});
  EXPECT_EQ(long_edges(tiny), (std::vector<int>{300}));
}

TEST(DerivativePlan, PortraitSizesApplyToTheLongEdge) {
  ImagingSettings settings;
  settings.long_edges = {480};
  const auto plan = plan_derivatives("abc", 2000, 3000, settings, {});
  ASSERT_EQ(plan.size(), 1u);
  EXPECT_EQ(plan[0].width, 320);
  EXPECT_EQ(plan[0].height, 480);
}

TEST(DerivativePlan, OneDerivativePerEncodingAndSize) {
  ImagingSettings settings;
  settings.long_edges = {480, 960};
  settings.encodings = {{OutputFormat::kAvif, 55}, {OutputFormat::kJpeg, 82}};
  const auto plan = plan_derivatives("abc", 3000, 2000, settings, {});
  ASSERT_EQ(plan.size(), 4u);
  EXPECT_TRUE(plan[0].relative_path.ends_with(".avif"));
  EXPECT_TRUE(plan[3].relative_path.ends_with(".jpg"));
}

TEST(DerivativePlan, NamesChangeExactlyWhenTheRecipeChanges) {
  ImagingSettings settings;
  settings.long_edges = {480};
  const auto base = plan_derivatives("abc", 3000, 2000, settings, {"Jane", "© Jane"});
  EXPECT_EQ(base[0].relative_path,
            plan_derivatives("abc", 3000, 2000, settings, {"Jane", "© Jane"})[0].relative_path);

  auto other_quality = settings;
  other_quality.encodings[0].quality = 60;
  EXPECT_NE(
      base[0].relative_path,
      plan_derivatives("abc", 3000, 2000, other_quality, {"Jane", "© Jane"})[0].relative_path);
  EXPECT_NE(base[0].relative_path,
            plan_derivatives("abd", 3000, 2000, settings, {"Jane", "© Jane"})[0].relative_path);
  EXPECT_NE(base[0].relative_path,
            plan_derivatives("abc", 3000, 2000, settings, {"John", "© Jane"})[0].relative_path);
  auto softer = settings;
  softer.sharpen_amount = 0;
  EXPECT_NE(base[0].relative_path,
            plan_derivatives("abc", 3000, 2000, softer, {"Jane", "© Jane"})[0].relative_path);
}

}  // namespace
}  // namespace vern::imaging

namespace vern::imaging {
namespace {

TEST(DerivativePlan, AWatermarkIsPartOfTheRecipeAndNoneLeavesNamesAsTheyWere) {
  const ImagingSettings plain;
  const auto name = [](const ImagingSettings& settings) {
    return plan_derivatives("abc", 3000, 2000, settings, {}).front().relative_path;
  };
  ImagingSettings inactive;
  inactive.watermark.position = WatermarkPosition::kTile;  // no text, no image: no watermark
  EXPECT_EQ(name(plain), name(inactive));
  ImagingSettings text;
  text.watermark.text = "© Anna";
  EXPECT_NE(name(plain), name(text));
  auto other_text = text;
  other_text.watermark.text = "© Boris";
  auto other_opacity = text;
  other_opacity.watermark.opacity = 0.8;
  auto other_position = text;
  other_position.watermark.position = WatermarkPosition::kTopLeft;
  for (const auto& changed : {other_text, other_opacity, other_position}) {
    EXPECT_NE(name(text), name(changed));
  }
  ImagingSettings image;
  image.watermark.image = "/marks/logo.png";
  image.watermark.image_hash = "1";
  auto redrawn = image;
  redrawn.watermark.image_hash = "2";  // the same file name, new pixels
  EXPECT_NE(name(image), name(redrawn));
  EXPECT_EQ(watermark_position_from_name("tile"), WatermarkPosition::kTile);
  EXPECT_FALSE(watermark_position_from_name("middle"));
}

}  // namespace
}  // namespace vern::imaging
