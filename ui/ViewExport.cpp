// SPDX-License-Identifier: GPL-3.0-or-later
#include "ViewExport.h"

#include "talker/FileWrite.h"
#include "talker/Error.h"

#include <QBuffer>
#include <QFile>
#include <QPainter>

#include <cmath>
#include <cstdint>

namespace talker::ui {

QString ViewExport::savePng(const QImage& image, const QString& path)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    if (image.isNull() || !buffer.open(QIODevice::WriteOnly) || !image.save(&buffer, "PNG"))
        return QStringLiteral("cannot write file '%1': the picture could not be encoded as PNG").arg(path);
    try {
        writeFileAtomically(QFile::encodeName(path).toStdString(), bytes.toStdString());
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

std::vector<double> ViewExport::ticks(double start, double end, int maxTicks)
{
    std::vector<double> result;
    if (!(end > start) || maxTicks < 1)
        return result;
    // The smallest 1-2-5 step that keeps the ticks at most maxTicks.
    const double span = end - start;
    double step = std::pow(10.0, std::floor(std::log10(span / maxTicks)));
    for (double factor : {1.0, 2.0, 5.0, 10.0})
        if (span / (step * factor) <= maxTicks) {
            step *= factor;
            break;
        }
    // Whole multiples of the step (not a running sum, whose error grows tick by tick).
    for (auto k = std::int64_t(std::ceil(start / step - 1e-9)); double(k) * step <= end + step * 1e-9; ++k)
        result.push_back(double(k) * step);
    return result;
}

QImage ViewExport::compose(const QImage& view, const Labels& labels, double scale)
{
    const QSizeF viewSize = QSizeF(view.size()) / scale;
    const int ruler = labels.timeRuler ? RulerHeight : 0;
    QImage image((QSizeF(viewSize.width(), viewSize.height() + TitleHeight + ruler) * scale).toSize(),
                 QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(QColor(32, 34, 40));
    QPainter painter(&image);
    painter.setRenderHint(QPainter::TextAntialiasing);
    QFont font = painter.font();
    // One line of the title band, elided to the picture's width.
    const auto line = [&](const QString& text, double top, double height, int pixelSize, bool bold,
                          const QColor& colour) {
        font.setPixelSize(pixelSize);
        font.setBold(bold);
        painter.setFont(font);
        painter.setPen(colour);
        const QRectF rect(8, top, viewSize.width() - 16, height);
        painter.drawText(rect, Qt::AlignLeft | Qt::AlignVCenter,
                         painter.fontMetrics().elidedText(text, Qt::ElideRight, int(rect.width())));
    };
    line(labels.title, 2, 17, 13, true, QColor(230, 230, 236));
    line(labels.axes, 18, 14, 11, false, QColor(180, 180, 190));
    painter.drawImage(QPointF(0, TitleHeight), view);

    if (labels.timeRuler && labels.plotRight > labels.plotLeft && labels.endSeconds > labels.startSeconds) {
        const double top = TitleHeight + viewSize.height();
        const double width = labels.plotRight - labels.plotLeft;
        painter.setPen(QColor(150, 150, 160));
        painter.drawLine(QPointF(labels.plotLeft, top + 1), QPointF(labels.plotRight, top + 1));
        const int maxTicks = std::max(2, int(width / 70));
        for (double t : ticks(labels.startSeconds, labels.endSeconds, maxTicks)) {
            const double x =
                labels.plotLeft + width * (t - labels.startSeconds) / (labels.endSeconds - labels.startSeconds);
            painter.drawLine(QPointF(x, top + 1), QPointF(x, top + 5));
            painter.drawText(
                QRectF(x - 35, top + 5, 70, 15), Qt::AlignHCenter | Qt::AlignTop,
                QStringLiteral("%1 s").arg(t, 0, 'f', t == std::round(t) ? 0 : (t * 10 == std::round(t * 10) ? 1 : 2)));
        }
    }
    return image;
}

} // namespace talker::ui
