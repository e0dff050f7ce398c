// SPDX-License-Identifier: GPL-3.0-or-later
// Playback through PortAudio's default output device.
//
// The PortAudio callback thread reads an immutable AudioBuffer (std::shared_ptr<const vector>)
// and publishes the playhead in an atomic sample counter; the GUI reads it with a timer
// (positionSamples()). A buffer may be swapped for a longer one while playing (a take still
// streaming), so playback can start before generation has finished.
//
// Without an output device (none found, or opening it fails) the player is unavailable: play()
// returns false and unavailableReason() says why; the rest of the studio works as before.
//
// Thread safety: public functions on the GUI thread; the callback runs on PortAudio's thread and
// touches only the atomics below.
#pragma once

#include "StudioTypes.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace talker::ui {

class AudioPlayer : public QObject {
    Q_OBJECT

  public:
    explicit AudioPlayer(QObject* parent = nullptr);
    ~AudioPlayer() override;

    bool isAvailable() const { return m_available; }
    /// Why there is no playback ("No audio output device: ..."); empty when available.
    QString unavailableReason() const { return m_unavailableReason; }

    /// Plays samples [startSample, endSample) of `buffer` (endSample < 0: to the end of whatever
    /// buffer is current, so a growing take plays on), from the start again when looping.
    /// Returns false (and emits failed) when there is no device or the stream cannot start.
    bool play(AudioBuffer buffer, int sampleRateHz, std::int64_t startSample, std::int64_t endSample, bool loop);
    void stop();
    /// Swaps in a newer buffer of the same take (longer, or re-rendered); the playhead stays.
    void updateBuffer(AudioBuffer buffer);
    void setLooping(bool loop) { m_loop.store(loop); }

    /// True from play() until the end is reached (without loop) or stop().
    bool isPlaying() const { return m_playing.load(); }
    std::int64_t positionSamples() const { return m_position.load(); }

  signals:
    void failed(const QString& message);

  private:
    static int callback(const void* input, void* output, unsigned long frames, const void* timeInfo,
                        unsigned long statusFlags, void* self);
    int fill(float* out, unsigned long frames);
    void closeStream();
    /// Keeps a swapped-out buffer until the callback cannot hold it any more, so that its last
    /// reference is dropped here, on the GUI thread: freeing it on PortAudio's thread could block.
    void retire(AudioBuffer buffer);

    bool m_initialised = false;
    bool m_available = false;
    QString m_unavailableReason;
    void* m_stream = nullptr; // PaStream*
    int m_streamRateHz = 0;

    std::atomic<std::shared_ptr<const std::vector<float>>> m_buffer;
    std::vector<AudioBuffer> m_retired; // GUI thread only
    std::atomic<std::int64_t> m_position{0};
    std::atomic<std::int64_t> m_start{0};
    std::atomic<std::int64_t> m_end{-1};
    std::atomic<bool> m_loop{false};
    std::atomic<bool> m_playing{false};
};

} // namespace talker::ui
