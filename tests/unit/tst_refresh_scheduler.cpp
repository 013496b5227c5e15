// When an automatic refresh is due: lead seconds before expiry, at once when that is past, never when
// unknown.
#include "RefreshScheduler.h"

#include <QSignalSpy>
#include <QTest>

class TestRefreshScheduler final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dueLeadSecondsBeforeExpiry()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        RefreshScheduler scheduler;
        scheduler.schedule(now.addSecs(3600), 60, now);
        QVERIFY(scheduler.isScheduled());
        QCOMPARE(scheduler.dueAt(), now.addSecs(3540));
    }

    void firesWhenDue()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        RefreshScheduler scheduler;
        QSignalSpy due(&scheduler, &RefreshScheduler::refreshDue);
        scheduler.schedule(now.addMSecs(1300), 1, now); // due in about 300 ms
        QCOMPARE(due.count(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(due.count(), 1, 5000);
        QVERIFY(!scheduler.isScheduled());
    }

    void pastDueFiresAtOnce()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        RefreshScheduler scheduler;
        QSignalSpy due(&scheduler, &RefreshScheduler::refreshDue);
        scheduler.schedule(now.addSecs(10), 60, now);
        QTRY_COMPARE(due.count(), 1);
    }

    void unknownLifetimeSchedulesNothing()
    {
        RefreshScheduler scheduler;
        scheduler.schedule(QDateTime(), 60);
        QVERIFY(!scheduler.isScheduled());
    }

    void stopCancels()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        RefreshScheduler scheduler;
        QSignalSpy due(&scheduler, &RefreshScheduler::refreshDue);
        scheduler.schedule(now.addMSecs(1200), 1, now);
        scheduler.stop();
        QTest::qWait(500);
        QCOMPARE(due.count(), 0);
        QVERIFY(!scheduler.dueAt().isValid());
    }
};

QTEST_GUILESS_MAIN(TestRefreshScheduler)
#include "tst_refresh_scheduler.moc"
