// SPDX-License-Identifier: GPL-3.0-or-later
// Text conditioning: the text columns of timed phones, the flite front end, model.json's
// talker.text, teacher forcing with text, the fused step against LibTorch with text columns, and
// generation that follows its text.
#include "talker/Error.h"
#include "talker/Generator.h"
#include "talker/ModelBundle.h"
#include "talker/Talker.h"
#include "talker/TalkerTrainer.h"
#include "talker/Text.h"

#include "../../core/src/generate/FusedDecoder.h"

#include <QtTest>

#include <cmath>
#include <random>

using namespace talker;

namespace {

int ph(const char* name)
{
    const int p = phoneClass(name);
    if (p < 0)
        throw std::runtime_error(std::string("no phone ") + name);
    return p;
}

ModelConfig textConfig(const std::string& preset = "chapter")
{
    ModelConfig config = ModelConfig::preset(preset);
    config.talker.text.phones = phoneInventory();
    config.talker.text.phoneSlots = TextPhoneSlots;
    config.talker.text.voices = {"flite_kal", "festival_slt_hts"};
    config.talker.text.frontEnd = "flite";
    return config;
}

std::shared_ptr<const ModelBundle> textBundle(std::uint64_t seed, float scale = 1.0f,
                                              const std::string& preset = "chapter")
{
    ModelBundle bundle = ModelBundle::initialise(textConfig(preset), seed);
    for (auto& [name, tensor] : bundle.talkerWeights)
        if (name.find("norm") == std::string::npos)
            for (auto& v : tensor.values)
                v *= scale;
    return std::make_shared<const ModelBundle>(std::move(bundle));
}

} // namespace

class TestText : public QObject {
    Q_OBJECT

  private slots:
    void columnsOfTimedPhones()
    {
        const TextConfig text = textConfig().talker.text;
        const int none = text.noPhone();
        // Frames of 80 ms. sil 0-0.1, hh 0.1-0.13, ah 0.13-0.2, l 0.2-0.26, ow 0.26-0.5.
        const std::vector<TimedPhone> phones = {{ph("sil"), 0.0, 0.1},
                                                {ph("hh"), 0.1, 0.13},
                                                {ph("ah"), 0.13, 0.2},
                                                {ph("l"), 0.2, 0.26},
                                                {ph("ow"), 0.26, 0.5}};
        QCOMPARE(textFrames(phones, 0.08), FrameIndex(7)); // 0.5 / 0.08 = 6.25 -> 7
        const auto c = textColumns(text, phones, 7, 0.08, 1);
        const int C = text.columns();
        QCOMPARE(C, 7);
        QCOMPARE(int(c.size()), 7 * C);
        auto row = [&](int t) { return std::vector<std::int32_t>(c.begin() + t * C, c.begin() + (t + 1) * C); };
        // Frame 0 [0, 0.08): centre 0.04 is sil; sil begins in it; next onsets hh, ah.
        QCOMPARE(row(0), (std::vector<std::int32_t>{ph("sil"), ph("sil"), none, none, ph("hh"), ph("ah"), 1}));
        // Frame 1 [0.08, 0.16): centre 0.12 is hh; hh and ah begin in it; next l, ow.
        QCOMPARE(row(1), (std::vector<std::int32_t>{ph("hh"), ph("hh"), ph("ah"), none, ph("l"), ph("ow"), 1}));
        // Frame 2 [0.16, 0.24): centre 0.2 is l (ah ends there); l begins; next ow, then nothing.
        QCOMPARE(row(2), (std::vector<std::int32_t>{ph("l"), ph("l"), none, none, ph("ow"), none, 1}));
        // Frame 6 [0.48, 0.56): centre 0.52 is past the last phone.
        QCOMPARE(row(6), (std::vector<std::int32_t>{none, none, none, none, none, none, 1}));

        QVERIFY_THROWS_EXCEPTION(ArgumentError, textColumns(text, phones, 7, 0.08, 2)); // 2 voices
        TextConfig other = text;
        other.phoneSlots = 4;
        QVERIFY_THROWS_EXCEPTION(ArgumentError, textColumns(other, phones, 7, 0.08, 0));
    }

    void fliteTimesPhones()
    {
        const auto phones = speakText("Hello world.", "kal16");
        QVERIFY(phones.size() >= 8);
        std::vector<std::string> names;
        for (const auto& p : phones)
            if (p.phone != ph("sil"))
                names.push_back(phoneInventory()[std::size_t(p.phone)]);
        QCOMPARE(names, (std::vector<std::string>{"hh", "ah", "l", "ow", "w", "er", "l", "d"}));
        for (std::size_t i = 1; i < phones.size(); ++i) {
            QVERIFY(phones[i].start >= phones[i - 1].start);
            QCOMPARE(phones[i].start, phones[i - 1].end); // contiguous
        }
        // The edge pauses are cut to 0.2 s at most, as the corpus's silences were.
        QVERIFY(phones.front().end - phones.front().start <= 0.2 + 1e-9);
        QVERIFY(phones.back().end - phones.back().start <= 0.2 + 1e-9);
        // The same text gives the same phones; another voice times them otherwise.
        QCOMPARE(phonesText(speakText("Hello world.", "kal16")), phonesText(phones));
        QVERIFY(phonesText(speakText("Hello world.", "slt")) != phonesText(phones));
        QCOMPARE(frontEndVoiceFor("flite_slt"), std::string("slt"));
        QCOMPARE(frontEndVoiceFor("festival_kal_diphone"), std::string("kal16"));

        QVERIFY_THROWS_EXCEPTION(ArgumentError, speakText("", "kal16"));
        QVERIFY_THROWS_EXCEPTION(ArgumentError, speakText("   \n\t", "kal16"));
        QVERIFY_THROWS_EXCEPTION(ArgumentError, speakText("... !!", "kal16"));
        QVERIFY_THROWS_EXCEPTION(ArgumentError, speakText("hello", "nobody"));
    }

    void configRoundTripsAndRefusesOtherText()
    {
        const ModelConfig config = textConfig();
        const auto json = config.toJson();
        QVERIFY(json["talker"].contains("text"));
        const ModelConfig back = ModelConfig::fromJson(json, "model.json");
        QCOMPARE(back.talker.text.voices, config.talker.text.voices);
        QCOMPARE(back.talker.text.phoneSlots, TextPhoneSlots);
        QCOMPARE(back.talker.inputColumns(), 2 + 7);
        QVERIFY(!ModelConfig::chapter().toJson()["talker"].contains("text")); // the chapter stays as it was

        auto refused = [&](const std::function<void(nlohmann::json&)>& edit) {
            nlohmann::json j = json;
            edit(j["talker"]["text"]);
            try {
                ModelConfig::fromJson(j, "m.json");
            } catch (const BundleError& e) {
                return QString(e.what()).contains("m.json") && QString(e.what()).contains("talker.text");
            }
            return false;
        };
        QVERIFY(refused([](nlohmann::json& t) { t["phone_slots"] = 0; }));
        QVERIFY(refused([](nlohmann::json& t) { t["phone_slots"] = 4; })); // not this version's
        QVERIFY(refused([](nlohmann::json& t) { t["phone_slots"] = 2.5; }));
        QVERIFY(refused([](nlohmann::json& t) { t["voices"] = nlohmann::json::array(); }));
        QVERIFY(refused([](nlohmann::json& t) { t["voices"] = {1, 2}; }));
        QVERIFY(refused([](nlohmann::json& t) { t["phones"] = {"a", "b"}; }));
        QVERIFY(refused([](nlohmann::json& t) { t.erase("front_end"); }));
        QVERIFY(refused([](nlohmann::json& t) { t = 3; }));
        // The weights: a text bundle has the text tables, and they are checked.
        const auto shapes = ModelBundle::expectedTalkerShapes(config.talker);
        QCOMPARE(shapes.at("text_phones.0.weight"), (std::vector<std::int64_t>{41, 192}));
        QCOMPARE(shapes.at("text_voice.weight"), (std::vector<std::int64_t>{2, 192}));
        QVERIFY(!ModelBundle::expectedTalkerShapes(ModelConfig::chapter().talker).count("text_voice.weight"));
    }

    void teacherForcingCarriesText()
    {
        const TalkerConfig c = textConfig().talker;
        Codes codes;
        codes.codebooks = 2;
        codes.values = {1, 2, 3, 4, 5, 6}; // 3 frames
        std::vector<std::int32_t> text(3 * 7);
        for (std::size_t i = 0; i < text.size(); ++i)
            text[i] = i % 7 == 6 ? 1 : std::int32_t(i % 41);
        const auto tf = teacherForcing(codes, c, text);
        QCOMPARE(tf.inputColumns, 9);
        QCOMPARE(tf.positions, std::int64_t(3));
        // Position q: [codes of frame q - 1 (BOS at 0)] then the text of frame q.
        for (int q = 0; q < 3; ++q)
            for (int j = 0; j < 7; ++j)
                QCOMPARE(tf.input[std::size_t(q * 9 + 2 + j)], std::int64_t(text[std::size_t(q * 7 + j)]));
        QCOMPARE(tf.input[0], std::int64_t(128));
        QCOMPARE(tf.input[9], std::int64_t(1));
        QCOMPARE(tf.target[0], std::int64_t(1));
        QVERIFY_THROWS_EXCEPTION(ArgumentError, teacherForcing(codes, c, {})); // text missing
        QVERIFY_THROWS_EXCEPTION(ArgumentError, teacherForcing(codes, ModelConfig::chapter().talker, text));
    }

    void fusedMatchesLibTorchWithText()
    {
        for (const std::string preset : {"chapter", "clear"}) {
            const auto bundle = textBundle(3, 5.0f, preset);
            const TalkerConfig& c = bundle->config.talker;
            const int K = c.codebooks, V = c.codebookSize, W = c.inputColumns();
            Talker reference(c);
            reference->loadWeights(bundle->talkerWeights);
            reference->eval();
            torch::InferenceMode inference;
            KvCache cache(c, 1);
            auto fused = makeFusedBatchDecoder(*bundle, 1);
            fused->reset(1, 200);
            std::mt19937 rng(5);
            std::vector<std::int32_t> input(std::size_t(W), c.bosIndex());
            double maxDiff = 0;
            for (int t = 0; t < 200; ++t) {
                for (int j = K; j < W - 1; ++j)
                    input[std::size_t(j)] = std::int32_t(rng() % 41);
                input[std::size_t(W - 1)] = std::int32_t(rng() % 2);
                auto tensor = torch::empty({1, W}, torch::kLong);
                for (int j = 0; j < W; ++j)
                    tensor[0][j] = input[std::size_t(j)];
                const auto want = reference->step(tensor, cache).contiguous();
                const float* got = fused->step(input.data());
                for (int i = 0; i < K * V; ++i)
                    maxDiff = std::max(maxDiff, double(std::abs(got[i] - want.data_ptr<float>()[i])));
                for (int k = 0; k < K; ++k)
                    input[std::size_t(k)] = std::int32_t(rng() % std::uint32_t(V));
            }
            QVERIFY2(maxDiff < 1e-4, qPrintable(QString::fromStdString(preset) + ": " + QString::number(maxDiff)));
            // An index outside its table is refused, not read.
            input[std::size_t(K)] = 41;
            QVERIFY_THROWS_EXCEPTION(ArgumentError, fused->step(input.data()));
        }
    }

    void generationFollowsItsText()
    {
        const auto bundle = textBundle(1, 5.0f);
        const ModelConfig& config = bundle->config;
        GenerationParams params;
        params.text = makeTextPrompt(config, "The quick brown fox jumps over the lazy dog.", "flite_kal");
        params.frames = int(params.text.columns.size() / 7);
        QVERIFY(params.frames > 20);
        params.sampling.seed = 3;
        for (const Backend backend : {Backend::Fused, Backend::LibTorch}) {
            Generator generator(bundle, backend);
            const Take a = generator.run(params), b = generator.run(params);
            QCOMPARE(a.codes.frames(), FrameIndex(params.frames));
            QCOMPARE(a.codes, b.codes); // the same seed, the same take
            GenerationParams other = params;
            other.text = makeTextPrompt(config, "The quick brown fox jumps over the lazy dog.", "flite_kal");
            other.text.columns[7 * 10 + 6] = 1; // frame 10 in the second voice
            const Take c = generator.run(other);
            QCOMPARE(c.codes.frames(), a.codes.frames());
            // The voice column is read: frames 0..9 are the same take, frame 10 on differ.
            QVERIFY(std::equal(a.codes.values.begin(), a.codes.values.begin() + 20, c.codes.values.begin()));
            QVERIFY(!std::equal(a.codes.values.begin() + 20, a.codes.values.end(), c.codes.values.begin() + 20));
        }
        // Fused and LibTorch agree on the argmax take.
        params.sampling.argmax = true;
        QCOMPARE(Generator(bundle, Backend::Fused).run(params).codes,
                 Generator(bundle, Backend::LibTorch).run(params).codes);

        // Refusals: no text for a text model, text for a model without, the wrong number of rows,
        // an unknown voice.
        GenerationParams none;
        none.frames = 10;
        QVERIFY_THROWS_EXCEPTION(ArgumentError, none.validate(config));
        GenerationParams wrongRows = params;
        wrongRows.frames += 1;
        QVERIFY_THROWS_EXCEPTION(ArgumentError, wrongRows.validate(config));
        QVERIFY_THROWS_EXCEPTION(ArgumentError, params.validate(ModelConfig::chapter()));
        QVERIFY_THROWS_EXCEPTION(ArgumentError, makeTextPrompt(ModelConfig::chapter(), "hello"));
        QVERIFY_THROWS_EXCEPTION(ArgumentError, makeTextPrompt(config, "hello", "flite_nobody"));
        QCOMPARE(makeTextPrompt(config, "hello").voice, std::string("flite_kal")); // the first voice
    }
};

QTEST_APPLESS_MAIN(TestText)
#include "test_text.moc"
