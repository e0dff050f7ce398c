// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/PhoneRowView.h"

#include "talker/Text.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>

namespace talker::ui {

namespace {

constexpr int RowHeightPx = 26;
constexpr int SmallLabelPx = 9; // narrow phones' labels; smaller would not be legible

enum class Kind { Vowel, Consonant, Pause };

Kind kindOf(const std::string& phone)
{
    static const std::set<std::string> vowels = {"aa", "ae", "ah", "ao", "aw", "ay", "eh", "er",
                                                 "ey", "ih", "iy", "ow", "oy", "uh", "uw"};
    if (phone == "sil")
        return Kind::Pause;
    return vowels.count(phone) ? Kind::Vowel : Kind::Consonant;
}

// Neighbouring phones of one kind alternate in brightness so that their edges show.
QColor colourOf(Kind kind, int index)
{
    const bool odd = index % 2 != 0;
    switch (kind) {
    case Kind::Vowel:
        return odd ? QColor(236, 170, 92) : QColor(214, 148, 72);
    case Kind::Consonant:
        return odd ? QColor(120, 170, 226) : QColor(96, 146, 206);
    case Kind::Pause:
        return QColor(78, 80, 90);
    }
    return Qt::gray;
}

} // namespace

PhoneRowView::PhoneRowView(TakeDocument* document, TimeAxis* axis, FrameClock* clock, QWidget* parent)
    : TimeView(document, axis, clock, parent)
{
    setObjectName(QStringLiteral("phoneRowView"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

QSize PhoneRowView::sizeHint() const
{
    return {800, RowHeightPx + topMarginPx() + bottomMarginPx()};
}
QSize PhoneRowView::minimumSizeHint() const
{
    return {300, RowHeightPx + topMarginPx() + bottomMarginPx()};
}

int PhoneRowView::phoneCount() const
{
    return int(m_document->text().phones.size());
}

QString PhoneRowView::phoneName(int index) const
{
    const auto& phones = m_document->text().phones;
    const auto& names = phoneInventory();
    if (index < 0 || index >= int(phones.size()) || phones[std::size_t(index)].phone < 0 ||
        phones[std::size_t(index)].phone >= int(names.size()))
        return {};
    return QString::fromStdString(names[std::size_t(phones[std::size_t(index)].phone)]);
}

double PhoneRowView::startFrameOf(int index) const
{
    return m_document->text().phones[std::size_t(index)].start * m_document->frameRateHz();
}

double PhoneRowView::endFrameOf(int index) const
{
    return m_document->text().phones[std::size_t(index)].end * m_document->frameRateHz();
}

FrameIndex PhoneRowView::firstFrame(int index) const
{
    return FrameIndex(std::floor(startFrameOf(index)));
}

FrameIndex PhoneRowView::lastFrame(int index) const
{
    return std::max(firstFrame(index), FrameIndex(std::ceil(endFrameOf(index))) - 1);
}

int PhoneRowView::phoneAt(const QPoint& position) const
{
    const QRect plot = plotRect();
    if (position.x() < plot.left() || position.x() > plot.right() || position.y() < plot.top() ||
        position.y() > plot.bottom())
        return -1;
    const double frame = frameAt(position.x());
    for (int i = 0; i < phoneCount(); ++i)
        if (frame >= startFrameOf(i) && frame < endFrameOf(i))
            return i;
    return -1;
}

QString PhoneRowView::describeAt(const QPoint& position) const
{
    const int i = phoneAt(position);
    if (i < 0)
        return {};
    const auto& phone = m_document->text().phones[std::size_t(i)];
    const QString name = phoneName(i);
    const QString what = name == QLatin1String("sil") ? tr("pause (sil)") : tr("phone '%1'").arg(name);
    const FrameIndex first = firstFrame(i), last = lastFrame(i);
    const QString frames = first == last ? tr("frame %1").arg(first) : tr("frames %1 to %2").arg(first).arg(last);
    return tr("%1, %2 of %3: %4 to %5 s, %6")
        .arg(what)
        .arg(i + 1)
        .arg(phoneCount())
        .arg(phone.start, 0, 'f', 3)
        .arg(phone.end, 0, 'f', 3)
        .arg(frames);
}

void PhoneRowView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QRect plot = plotRect();
    painter.fillRect(rect(), QColor(32, 34, 40));
    painter.fillRect(plot, QColor(20, 21, 26));

    painter.setPen(QColor(200, 200, 210));
    const QRectF label(4, plot.top(), TimeAxis::LeftMarginPx - 12, plot.height());
    painter.drawText(label, Qt::AlignRight | Qt::AlignVCenter,
                     QFontMetricsF(painter.font()).elidedText(tr("phones"), Qt::ElideRight, label.width()));

    painter.save();
    painter.setClipRect(plot);
    // Spoken so far: the frames the take has. A finished (or reopened) take has spoken them all.
    const double spokenX = m_document->isStreaming() ? xOf(double(m_document->frames())) : plot.right() + 1.0;
    // Labels at the row's size, or smaller where a phone is narrow (one frame is often ~10 px).
    QFont font = painter.font(), smallFont = font;
    font.setPixelSize(std::clamp(plot.height() / 2, 8, 13));
    smallFont.setPixelSize(SmallLabelPx);
    const QFontMetricsF metrics(font), smallMetrics(smallFont);
    for (int i = 0; i < phoneCount(); ++i) {
        const double x0 = xOf(startFrameOf(i)), x1 = xOf(endFrameOf(i));
        if (x1 < plot.left() || x0 > plot.right() + 1)
            continue;
        const QString name = phoneName(i);
        const QColor colour = colourOf(kindOf(name.toStdString()), i);
        QRectF span(x0, plot.top() + 1, std::max(1.0, x1 - x0), plot.height() - 2);
        if (x1 - x0 >= 4.0)
            span.adjust(0.5, 0, -0.5, 0);
        QColor dim = colour;
        dim.setAlpha(70);
        painter.fillRect(span, dim);
        if (spokenX > span.left()) {
            QRectF spoken = span;
            spoken.setRight(std::min(span.right(), spokenX));
            painter.fillRect(spoken, colour);
        }
        const bool fits = metrics.horizontalAdvance(name) + 2 <= span.width();
        if (fits || smallMetrics.horizontalAdvance(name) + 1 <= span.width()) {
            painter.setFont(fits ? font : smallFont);
            painter.setPen(spokenX > span.center().x() ? QColor(15, 15, 20) : QColor(150, 150, 160));
            painter.drawText(span, Qt::AlignCenter, name);
        }
    }
    painter.restore();
    paintOverlay(painter, plot);
    finishPaint(m_document->frames());
}

} // namespace talker::ui
