// sieve: the desktop workbench. `sieve [PROJECT_DIR]` opens a project, else the last one.

#include "main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QSettings>
#include <QTranslator>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    // Decoders' own complaints ("libpng error: ...") would interleave with progress output;
    // Sieve reports every unreadable image itself, naming the file.
    QLoggingCategory::setFilterRules(QStringLiteral("qt.gui.imageio*=false"));
    QApplication::setApplicationName(QStringLiteral("Sieve"));
    QApplication::setOrganizationName(QStringLiteral("Sieve"));
    QApplication::setApplicationVersion(QStringLiteral(SIEVE_VERSION));

    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    // English plural forms first ("1 image", "3 images"); the locale's translation, installed
    // after it, is asked first.
    QTranslator plurals;
    if (plurals.load(QStringLiteral(":/i18n/sieve_en.qm")))
        QApplication::installTranslator(&plurals);
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("sieve"), QStringLiteral("_"), QStringLiteral(":/i18n"))
        && !translator.filePath().endsWith(QLatin1String("sieve_en.qm")))
        QApplication::installTranslator(&translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Moderation workbench for crowdsourced image datasets."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("PROJECT_DIR"), QApplication::translate("main", "The project to open."));
    parser.process(app);

    sieve::ui::MainWindow window;
    window.show();
    QString project = parser.positionalArguments().value(0);
    if (project.isEmpty())
        project = QSettings().value(QStringLiteral("recentProjects")).toStringList().value(0);
    if (!project.isEmpty())
        window.openProject(QDir(project).absolutePath());
    return app.exec();
}
