// Which files count as frames, and the order a folder's images are played in.
#include <gtest/gtest.h>

#include "fixtures.hpp"
#include "spot/data/image_files.hpp"
#include "support/paths.hpp"

namespace spot::data {
namespace {

TEST(ImageFiles, RecognisesExtensionsInAnyCase) {
  for (const char* name : {"a.jpg", "a.JPG", "a.jpeg", "a.png", "a.Bmp"})
    EXPECT_TRUE(is_image_file(name)) << name;
  for (const char* name : {"a.txt", "a.tag", "jpg", "a.avi"})
    EXPECT_FALSE(is_image_file(name)) << name;
  for (const char* name : {"a.avi", "a.MP4", "a.mkv", "a.mov", "a.mpg"})
    EXPECT_TRUE(is_video_file(name)) << name;
  EXPECT_FALSE(is_video_file("a.jpg"));
}

TEST(ImageFiles, NaturalOrder) {
  EXPECT_TRUE(natural_less("img2.jpg", "img10.jpg"));
  EXPECT_FALSE(natural_less("img10.jpg", "img2.jpg"));
  EXPECT_TRUE(natural_less("0001.jpg", "0002.jpg"));
  EXPECT_TRUE(natural_less("a.jpg", "b.jpg"));
  EXPECT_TRUE(natural_less("1.jpg", "1a.jpg") != natural_less("1a.jpg", "1.jpg"));
  EXPECT_FALSE(natural_less("x.jpg", "x.jpg"));
  EXPECT_TRUE(natural_less("01.jpg", "1.jpg") != natural_less("1.jpg", "01.jpg"));
}

TEST(ImageFiles, ListImagesSkipsOtherAndHiddenFilesAndSortsNaturally) {
  test::TempDir tmp;
  for (const char* name : {"10.jpg", "2.png", "1.jpg", ".hidden.jpg"}) {
    test::write_image(tmp.path() / name);
  }
  test::write_text(tmp.path() / "notes.txt", "x");
  std::filesystem::create_directories(tmp.path() / "sub.jpg");
  const auto images = list_images(tmp.path());
  ASSERT_EQ(images.size(), 3u);
  EXPECT_EQ(images[0].filename(), "1.jpg");
  EXPECT_EQ(images[1].filename(), "2.png");
  EXPECT_EQ(images[2].filename(), "10.jpg");
  EXPECT_TRUE(has_images(tmp.path()));
  EXPECT_FALSE(has_images(tmp.path() / "sub.jpg"));
  EXPECT_TRUE(list_images(tmp.path() / "missing").empty());
}

}  // namespace
}  // namespace spot::data
