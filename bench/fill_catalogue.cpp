// Fills a catalogue with synthetic photo records, for timing `vernissage search` on an archive
// far larger than the demo photos (bench/bench.mjs: 100,000 rows). Deterministic: the same
// seed writes the same rows.
//   bench_fill_catalogue CATALOGUE ROWS
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "catalogue/catalogue.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s CATALOGUE ROWS\n", argv[0]);
    return 2;
  }
  const int rows = std::atoi(argv[2]);
  auto store = vern::catalogue::open_catalogue(argv[1]);
  if (!store) {
    std::fprintf(stderr, "%s\n", store.error().describe().c_str());
    return 2;
  }
  const std::vector<std::string> words = {
      "street",  "market", "performers", "square",   "winter", "river",   "bridge",
      "night",   "rain",   "portrait",   "children", "train",  "station", "festival",
      "harbour", "snow",   "forest",     "taiga",    "улица",  "рынок",   "площадь",
      "зима",    "река",   "мост",       "ночь",     "дождь",  "вокзал",  "праздник"};
  const std::vector<std::string> places = {"Moscow",  "Paris",  "Siberia", "Kazan",  "Lyon",
                                           "Irkutsk", "Berlin", "Tbilisi", "Москва", "Байкал"};
  const std::vector<std::pair<std::string, std::string>> cameras = {
      {"NIKON CORPORATION", "NIKON D90"},
      {"NIKON CORPORATION", "NIKON Z 6"},
      {"Canon", "Canon EOS 5D Mark III"},
      {"Canon", "Canon EOS R6"},
      {"FUJIFILM", "X100V"},
      {"SONY", "ILCE-7M3"},
      {"LEICA CAMERA AG", "LEICA Q2"},
      {"Apple", "iPhone 13 Pro"}};
  const std::vector<std::pair<std::string, double>> lenses = {{"AF-S Nikkor 35mm f/1.8G", 35},
                                                              {"EF 24-70mm f/2.8L II USM", 50},
                                                              {"XF 23mm F2", 23},
                                                              {"FE 85mm F1.8", 85},
                                                              {"Summilux 28mm f/1.7", 28},
                                                              {"NIKKOR Z 50mm f/1.8 S", 50}};
  std::mt19937 random(20261123);
  const auto pick = [&](const auto& list) -> const auto& { return list[random() % list.size()]; };
  vern::catalogue::ChangeSet batch;
  for (int i = 0; i < rows; ++i) {
    vern::catalogue::PhotoRecord r;
    const std::string place = pick(places);
    const int year = 2005 + static_cast<int>(random() % 21);
    char date[32];
    std::snprintf(date, sizeof date, "%04d-%02u-%02uT%02u:%02u:00", year,
                  1 + static_cast<unsigned>(random() % 12),
                  1 + static_cast<unsigned>(random() % 28), static_cast<unsigned>(random() % 24),
                  static_cast<unsigned>(random() % 60));
    r.path =
        "/archive/" + std::to_string(year) + "/" + place + "/IMG_" + std::to_string(i) + ".jpg";
    r.size_bytes = 2'000'000 + random() % 8'000'000;
    r.mtime_ns = i;
    r.content_hash = std::to_string(i);
    r.format = "jpeg";
    r.perceptual_hash = (static_cast<std::uint64_t>(random()) << 32) | random();
    auto& m = r.metadata;
    m.width = 6000;
    m.height = 4000;
    m.taken_at = date;
    const auto& camera = pick(cameras);
    m.camera_make = camera.first;
    m.camera_model = camera.second;
    const auto& lens = pick(lenses);
    m.lens = lens.first;
    m.focal_length_mm = lens.second;
    m.aperture = 1.8 + (random() % 10) * 0.4;
    m.exposure_time_s = 1.0 / (30 << (random() % 6));
    m.iso = 100 << (random() % 7);
    m.rating = static_cast<int>(random() % 6);
    m.title = pick(words) + " " + pick(words);
    m.caption = pick(words) + ", " + pick(words) + " " + pick(words) + " in " + place;
    m.keywords = {place, pick(words), pick(words)};
    m.creator = "Anna Petrova";
    batch.put.push_back(std::move(r));
    if (batch.put.size() == 10'000 || i + 1 == rows) {
      if (auto applied = (*store)->apply(batch); !applied) {
        std::fprintf(stderr, "%s\n", applied.error().describe().c_str());
        return 2;
      }
      batch.put.clear();
    }
  }
  return 0;
}
