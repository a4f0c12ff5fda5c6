<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>sieve::cluster</name>
    <message numerus="yes">
        <source>Job %1 started on %n worker(s), global batch %2, from step %3</source>
        <translation>
            <numerusform>Job %1 started on %n worker, global batch %2, from step %3</numerusform>
            <numerusform>Job %1 started on %n workers, global batch %2, from step %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Epoch %1/%2 done on %n worker(s), top-1 %3</source>
        <translation>
            <numerusform>Epoch %1/%2 done on %n worker, top-1 %3</numerusform>
            <numerusform>Epoch %1/%2 done on %n workers, top-1 %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Lost %1 after %n restart(s); giving up (--max-restarts).</source>
        <translation>
            <numerusform>Lost %1 after %n restart; giving up (--max-restarts).</numerusform>
            <numerusform>Lost %1 after %n restarts; giving up (--max-restarts).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restart %1: lost %2; going on with %n worker(s) from step %3</source>
        <translation>
            <numerusform>Restart %1: lost %2; going on with %n worker from step %3</numerusform>
            <numerusform>Restart %1: lost %2; going on with %n workers from step %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Starting %n local worker(s)</source>
        <translation>
            <numerusform>Starting %n local worker</numerusform>
            <numerusform>Starting %n local workers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Run %1 on %2: %3 classes, %4 training and %5 validation images; epochs done: %6 of %7 (%8 steps)%9, %n restart(s).</source>
        <translation>
            <numerusform>Run %1 on %2: %3 classes, %4 training and %5 validation images; epochs done: %6 of %7 (%8 steps)%9, %n restart.</numerusform>
            <numerusform>Run %1 on %2: %3 classes, %4 training and %5 validation images; epochs done: %6 of %7 (%8 steps)%9, %n restarts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n worker(s)</source>
        <translation>
            <numerusform>, %n worker</numerusform>
            <numerusform>, %n workers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sieve::store</name>
    <message numerus="yes">
        <source>Label %n image(s) as “%1”</source>
        <translation>
            <numerusform>Label %n image as “%1”</numerusform>
            <numerusform>Label %n images as “%1”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove the label of %n image(s)</source>
        <translation>
            <numerusform>Remove the label of %n image</numerusform>
            <numerusform>Remove the label of %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Accept %n image(s)</source>
        <translation>
            <numerusform>Accept %n image</numerusform>
            <numerusform>Accept %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reject %n image(s)</source>
        <translation>
            <numerusform>Reject %n image</numerusform>
            <numerusform>Reject %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Mark %n image(s) unreviewed</source>
        <translation>
            <numerusform>Mark %n image unreviewed</numerusform>
            <numerusform>Mark %n images unreviewed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Flag %n image(s) as %1</source>
        <translation>
            <numerusform>Flag %n image as %1</numerusform>
            <numerusform>Flag %n images as %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Clear the %1 flag of %n image(s)</source>
        <translation>
            <numerusform>Clear the %1 flag of %n image</numerusform>
            <numerusform>Clear the %1 flag of %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Dismiss the %1 suggestion for %n image(s)</source>
        <translation>
            <numerusform>Dismiss the %1 suggestion for %n image</numerusform>
            <numerusform>Dismiss the %1 suggestion for %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Accept %n region(s)</source>
        <translation>
            <numerusform>Accept %n region</numerusform>
            <numerusform>Accept %n regions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reject %n region(s)</source>
        <translation>
            <numerusform>Reject %n region</numerusform>
            <numerusform>Reject %n regions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reopen %n region(s)</source>
        <translation>
            <numerusform>Reopen %n region</numerusform>
            <numerusform>Reopen %n regions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Accept %n region(s) at confidence %1 % or more</source>
        <translation>
            <numerusform>Accept %n region at confidence %1 % or more</numerusform>
            <numerusform>Accept %n regions at confidence %1 % or more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Model &quot;%1&quot; has %n class(es); a classifier needs at least two.</source>
        <translation>
            <numerusform>Model &quot;%1&quot; has %n class; a classifier needs at least two.</numerusform>
            <numerusform>Model &quot;%1&quot; has %n classes; a classifier needs at least two.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sieve::ui::CategoryManager</name>
    <message numerus="yes">
        <source>Move the %n image(s) of “%1” into:</source>
        <translation>
            <numerusform>Move the %n image of “%1” into:</numerusform>
            <numerusform>Move the %n images of “%1” into:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sieve::ui::CategoryPalette</name>
    <message numerus="yes">
        <source>Label %n selected image(s) as:</source>
        <translation>
            <numerusform>Label the selected image as:</numerusform>
            <numerusform>Label %n selected images as:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sieve::ui::ClusterPanel</name>
    <message numerus="yes">
        <source>%n core(s)</source>
        <translation>
            <numerusform>%n core</numerusform>
            <numerusform>%n cores</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n thread(s)</source>
        <translation>
            <numerusform>%n thread</numerusform>
            <numerusform>%n threads</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Runnable processes, 1-minute average, on %n core(s)</source>
        <translation>
            <numerusform>Runnable processes, 1-minute average, on %n core</numerusform>
            <numerusform>Runnable processes, 1-minute average, on %n cores</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s), %1</source>
        <translation>
            <numerusform>%n file, %1</numerusform>
            <numerusform>%n files, %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n worker(s)</source>
        <translation>
            <numerusform>%n worker</numerusform>
            <numerusform>%n workers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sieve::ui::ImageViewer</name>
    <message numerus="yes">
        <source>%n region(s) (Tab, Y accept, N reject, drag to move, B draw, R redaction preview)</source>
        <translation>
            <numerusform>%n region (Tab, Y accept, N reject, drag to move, B draw, R redaction preview)</numerusform>
            <numerusform>%n regions (Tab, Y accept, N reject, drag to move, B draw, R redaction preview)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sieve::ui::InspectorPanel</name>
    <message numerus="yes">
        <source>&lt;p style=&apos;color:gray&apos;&gt;%n images selected. Number keys, A, X and the flag keys apply to all of them.&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p style=&apos;color:gray&apos;&gt;%n images selected. Number keys, A, X and the flag keys apply to all of them.&lt;/p&gt;</numerusform>
            <numerusform>&lt;p style=&apos;color:gray&apos;&gt;%n images selected. Number keys, A, X and the flag keys apply to all of them.&lt;/p&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sieve::ui::ModerationActions</name>
    <message numerus="yes">
        <source>Why are these %n image(s) flagged?</source>
        <translation>
            <numerusform>Why is this image flagged?</numerusform>
            <numerusform>Why are these %n images flagged?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sieve::ui::NewRunDialog</name>
    <message numerus="yes">
        <source>idle, %n core(s)</source>
        <translation>
            <numerusform>idle, %n core</numerusform>
            <numerusform>idle, %n cores</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not answering: %1. Untick it, or start it (see the cluster view for why).</source>
        <translation>
            <numerusform>Not answering: %1. Untick it, or start it (see the cluster view for why).</numerusform>
            <numerusform>Not answering: %1. Untick it, or start it (see the cluster view for why).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Busy with another job: %1. Untick it, or wait until it is idle.</source>
        <translation>
            <numerusform>Busy with another job: %1. Untick it, or wait until it is idle.</numerusform>
            <numerusform>Busy with another job: %1. Untick it, or wait until it is idle.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sieve::ui::PredictionFilterBox</name>
    <message numerus="yes">
        <source>%1 · %2 · %n class(es) · %3</source>
        <translation>
            <numerusform>%1 · %2 · %n class · %3</numerusform>
            <numerusform>%1 · %2 · %n classes · %3</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sieve::ui::ProjectJobs</name>
    <message numerus="yes">
        <source>Run %1 on %n worker(s): %2 epochs, best validation accuracy %3 % (epoch %4)</source>
        <translation>
            <numerusform>Run %1 on %n worker: %2 epochs, best validation accuracy %3 % (epoch %4)</numerusform>
            <numerusform>Run %1 on %n workers: %2 epochs, best validation accuracy %3 % (epoch %4)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n restart(s) after a lost worker</source>
        <translation>
            <numerusform>; %n restart after a lost worker</numerusform>
            <numerusform>; %n restarts after a lost worker</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Train %1 on %n local worker(s)</source>
        <translation>
            <numerusform>Train %1 on %n local worker</numerusform>
            <numerusform>Train %1 on %n local workers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Train %1 on %n worker(s)</source>
        <translation>
            <numerusform>Train %1 on %n worker</numerusform>
            <numerusform>Train %1 on %n workers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Starting %n local worker(s)</source>
        <translation>
            <numerusform>Starting %n local worker</numerusform>
            <numerusform>Starting %n local workers</numerusform>
        </translation>
    </message>
</context>
</TS>
