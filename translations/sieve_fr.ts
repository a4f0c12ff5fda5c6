<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>Tr</name>
    <message>
        <source>Tesseract could not load the languages %1 from %2. Install the language packs (apt-get install tesseract-ocr-eng …) or choose other languages.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Moderation workbench for crowdsourced image datasets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project to open.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::cli</name>
    <message>
        <source>Print machine-readable JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>See: sieve-cli %1 --help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong number of arguments.
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generates the deterministic synthetic demo dataset: photo-like images of products in K categories with printed text and personal information, poor-quality shots, duplicates, wrong labels and GPS tags, plus metadata.csv and ground_truth.json.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder to write (must be empty or absent).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of images (default 2000).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of categories, 2 to 40 (default 12).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random seed (default 1): the same seed gives the same files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smallest photo size (default 1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest photo size (default 12).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worker threads (default: one per core).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--out DIR is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An option has a value out of range; see sieve-cli demo --help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--min-megapixels must not exceed --max-megapixels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generating images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import it with: sieve-cli import PROJECT_DIR %1/images --metadata %1/metadata.csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sets labels in bulk from a CSV (or JSON-lines) file with a path column and a label column. All changes are one undoable action in the audit trail; an empty label removes the label.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file of path,label rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create categories for unknown labels instead of reporting them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason recorded with every change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--csv FILE is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rows: %2 labels changed, %3 already so.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New categories: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writes every image&apos;s path, label, claimed label, review status, flags and attributes to a CSV file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file to write (replaced atomically).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1 rows to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creates an empty Sieve project in PROJECT_DIR.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder for the new project (created if needed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created project %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imports a folder of images (JPEG, PNG, WebP, TIFF, recognised by content) into a project, recursively, with an optional metadata file. Running it again is incremental: new files are added, moved files re-linked by content, vanished files marked missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project (created if it does not exist).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder of images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV or JSON-lines file naming images by relative path or file name; a “label” column and any other columns (country, contributor, ...).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reader threads (default: one per core).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported %1 new images from %2 files (%3 unchanged, %4 updated, %5 moved and re-linked, %6 duplicate copies, %7 not imported, %8 other files skipped, %9 now missing).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata: %1 rows, %2 matched an image, %3 labels set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems (%1):
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled. What was read is kept; run the same command again to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prints the counts of a project: images, categories, labels, review status, flags, missing files, import errors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project:     %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images:      %1 (%2 labeled, %3 unlabeled, %4 missing, %5 duplicate copies recorded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Categories:  %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review:      %1 unreviewed, %2 accepted, %3 rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flags:       %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import errors (latest import of each folder): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Builds the thumbnail cache (thumbs.db) for every image, on all cores. Images already cached are skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest side in pixels (default 256).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--size must be a number of pixels from 16 to 2048.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thumbnails: %1 made, %2 already cached, %3 failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new or empty folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>imagefolder (split/category/file, default) or flat (images/ and the manifest).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train and validation shares, e.g. 0.8,0.1 (default); the rest is test.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed of the split (default 1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only images accepted in review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pixelate (default), blur or fill.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not redact (only for data that holds no personal information).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the original file names (they may identify people).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--layout must be imagefolder or flat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--split takes two shares, e.g. 0.8,0.1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--redaction must be pixelate, blur or fill.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled after %1 images; run the same command again to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1 images to %2 (%3 regions redacted in %4 images, %5 could not be read); see DATASHEET.md and exclusions.csv.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1 images (%2 files) to %3: %4 with personal information, %5 with faces, %6 mislabeled, %7 poor quality, %8 exact and %9 near duplicates, %10 with GPS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exports a cleaned dataset: chosen images with personal information redacted (every region not rejected), re-encoded without metadata, split train/val/test, with a manifest (SHA-256), exclusions.csv and DATASHEET.md. Rejected, unlabeled and missing images, images flagged as poor quality or duplicates, and all but the suggested keeper of each duplicate group not yet reviewed are left out and listed. Written to OUT_DIR.partial and renamed when complete; run again to continue an interrupted export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the images of the view saved under NAME in the project (default: all images).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>csv (manifest.csv, default) or jsonl (manifest.jsonl, one JSON object per line).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also export duplicates: every image of a duplicate group, and images flagged as duplicates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also export images flagged as poor quality.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--manifest must be csv or jsonl.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all images of the project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project has no saved view named “%1” (it has none; save one in the app with View &gt; Save View…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project has no saved view named “%1”; it has %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>saved view “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, accepted in review only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start at this product of the catalogue of 53 (default 0): sets with different classes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 must be a whole number from 1 to %2, not “%3”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 takes %2×%3 images; leave out --input-size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>googlenet takes 224×224 images only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs images of at least 32×32</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>smallcnn needs images of at least 8×8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is neither a model of the zoo (%2) nor a .sievemodel file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measures the training engine on synthetic images: images per second and milliseconds per step, after warm-up steps that are not counted. A training step is forward, backward and an SGD update; an inference step is a forward pass.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A zoo model (googlenet, resnet18, mobilenetv2, smallcnn) or a .sievemodel file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images per step (default 32).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine threads (default 1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fp32, bf16 or auto (default: auto, bf16 where the processor has it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>train or infer (default train).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image width and height in pixels (default: the model&apos;s, 224 for the ImageNet models).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measured steps (default 10).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps run first and not measured (default 2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--model is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--warmup must be a whole number from 0 to 1000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--precision: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--mode must be train or infer, not “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2, %3×%4, batch %5, %6 thread(s), %7: %8 images/s, %9 ms per step (%10 steps after %11 warm-up)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no category &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--status %1: use unreviewed, accepted or rejected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--flag %1: use one of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--attribute %1: write KEY=VALUE, e.g. country=KE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no view named &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lists the project&apos;s saved views (named filters the gallery, export and training use) with the number of images each selects; or saves, renames or deletes one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a view under this name, with the filter the options below describe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --save: overwrite a view of that name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --save: images labelled with this category (repeatable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --save: images without a label.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --save: review status unreviewed, accepted or rejected (repeatable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --save: images with this flag, e.g. pii, quality, duplicate (repeatable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --save: images with this metadata value, e.g. country=KE (repeatable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --save: images whose path or metadata contains this text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename this view (with --to).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new name for --rename.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this view (the images stay as they are).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use one of --save, --rename and --delete at a time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--rename NAME needs --to NEW_NAME, and --to needs --rename.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  %2 images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No saved views.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::cluster</name>
    <message>
        <source>%1: cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending images to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 images for rank %3, %4 sent (%5 bytes), %6 already there</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Job %1 started on %n worker(s), global batch %2, from step %3</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The checkpoint could not be copied: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Epoch %1/%2 done on %n worker(s), top-1 %3</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Worker lost: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job failed on the workers without a message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (rank 0): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2, %3 cores, %4 threads, %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank 0&apos;s last checkpoint could not be fetched (%1); using the run&apos;s copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Lost %1 after %n restart(s); giving up (--max-restarts).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Every worker was lost (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Restart %1: lost %2; going on with %n worker(s) from step %3</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>image %1 (%2) is no longer in the project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot create the models folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training only the classifier (head only) runs on this machine, not on a cluster.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No workers to train on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>worker %1 is busy with job %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selecting images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot create the run&apos;s folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asks a sieve-worker node what it is: version, protocol, cores, instruction set, memory, cache and whether it is busy. Checks the address, token and TLS setup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The worker&apos;s address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File holding the worker&apos;s token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect with TLS, trusting this PEM CA (or the worker&apos;s self-signed certificate).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client certificate (PEM), for a worker started with --tls-ca.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client certificate&apos;s private key (PEM).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--tls-cert and --tls-key go together</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--tls-cert needs --tls-ca: client certificates are sent over TLS only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worker:     %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version:    Sieve %1, protocol %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU:        %1 cores, %2 for jobs, %3%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, native bf16</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory:     %1 GiB available of %2 GiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cache:      %1 blobs, %2 GiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State:      busy, job %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State:      idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State:      idle (last job %1: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --workers HOST:PORT,…: the file holding the workers&apos; token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --workers HOST:PORT,…: connect with TLS, trusting this PEM CA.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --workers: restarts on the workers left after one is lost (default 3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --workers: seconds a worker may stop answering before it is dropped (default 30).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--max-restarts must be a whole number from 0 to 1000, not “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--worker-timeout must be a whole number of seconds from 2 to 600, not “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--head-only trains on this machine only; leave out --workers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--workers local:N needs N from 1 to 64, not “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--token-file and --tls-ca are for remote workers; local:N makes its own token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Starting %n local worker(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>--workers HOST:PORT,… needs --token-file FILE (the workers&apos; token).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--workers lists no worker.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch %1 is the best so far (val/top1 %2): its model is kept in the run folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back and idle again, joining the run: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching the best model from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped early after epoch %1 of %2; the best epoch is %3 (val/top1 %4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot be replaced by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rank 0&apos;s best model kept changing while its checkpoint was being copied; the copies of epoch %1 are kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worker %1: its %2 %3 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worker %1: its %2 %3 can be read by other users of this computer. Make it yours alone (chmod 600 %3) and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worker %1: its %2 %3 is larger than 1 MiB; is it the right file?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worker %1: cannot read its %2 %3 (%4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worker %1: its %2 %3 is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worker %1: the token is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for workers&apos; tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the token file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS certificate authority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load:       %1 (1-minute average, %2 cores)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lists the sieve-worker nodes added to the project, asking each whether it answers; or adds or removes one. Training uses them with train --workers project. Tokens stay in their files (which must be readable by you alone); the project stores only where they are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the worker listening on HOST:PORT (with --token-file).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --add: a label for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --add: the file holding its token (mode 600).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --add: connect with TLS, trusting this PEM CA.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --add: client certificate (PEM).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --add: the client certificate&apos;s key (PEM, mode 600).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the worker with this address from the project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use --add or --remove, not both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--add needs --token-file FILE (the worker&apos;s token).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added worker %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed worker %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project has no worker %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 cores, %3 threads, %4, load %5, %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>busy with job %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project has no workers; add one with --add HOST:PORT --token-file FILE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train on sieve-worker nodes instead of this machine: local:N starts N workers on this machine (threads split), project uses the project&apos;s workers (sieve-cli workers), or HOST:PORT,HOST:PORT,… (rank 0 first).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--workers project reads each worker&apos;s token and TLS files from the project&apos;s list; leave out --token-file and --tls-ca.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project has no workers; add them with sieve-cli workers PROJECT --add HOST:PORT --token-file F.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Run %1 on %2: %3 classes, %4 training and %5 validation images; epochs done: %6 of %7 (%8 steps)%9, %n restart(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>, stopped early</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation: top-1 %1, top-5 %2, loss %3 (last epoch); best top-1 %4 at epoch %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent %1 files (%2 bytes); %3 were in the workers&apos; caches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --workers: a checkpoint every STEPS steps besides each epoch&apos;s, so that a restart after a lost worker loses less work (default: epochs only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--checkpoint-every must be a whole number of steps from 1 to 100000000, not “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>, %n worker(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>--workers: %1 Or use local:N or project.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::cluster::LocalCluster</name>
    <message>
        <source>cannot create a temporary folder for the local cluster (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sieve-worker not found at %1; set SIEVE_WORKER to its path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create a temporary cache folder (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write the token file %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot start %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>local worker %1 exited while starting:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>local worker %1 did not become healthy within %2 s:
%3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::cluster::WorkerClient</name>
    <message>
        <source>not reachable (%1)%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; with TLS, check that the CA is the one that signed the worker&apos;s certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer within %1 s (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the token was refused (%1); check the token file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>worker %1: %2 [%3]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>worker %1: upload stopped: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>worker %1: the checkpoint of job %2 arrived with %3 of its %4 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>worker %1: the model of job %2 arrived with %3 of its %4 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>worker %1: not serving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>worker %1: the best model of job %2 arrived with %3 of its %4 bytes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::demo</name>
    <message>
        <source>No output folder given for the demo dataset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo dataset needs between 1 and 1,000,000 images (%1 asked).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo dataset has between 2 and 40 categories (%1 asked).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo sizes must satisfy 0.01 &lt;= minimum &lt;= maximum &lt;= 50 megapixels (%1 to %2 asked).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thread count %1 is out of range (0 means one per core).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generating the demo dataset needs a QGuiApplication: its text is rendered with system fonts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 exists and is not a folder; choose a new or empty folder for the demo dataset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not empty; choose a new or empty folder for the demo dataset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1 (check that its parent exists and is writable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2 (is the disk full?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot encode a %1 image: %2 (is the Qt image format plugin installed?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot build the EXIF segment for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only %1 of %2 bytes were written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generating %1 failed: %2 (try fewer threads or smaller photos).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal error: wrong photo size.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a short write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo catalogue has %1 products; categories %2 to %3 were asked for.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::exporting</name>
    <message>
        <source>Cannot write %1: %2 (is the disk full?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not empty; export into a new or empty folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The split shares must be between 0 and 1 and add up to at most 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rejected in review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>flagged as poor quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>flagged as a duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unlabeled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No image would be exported (%1 left out); check the filter and the exclusions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create %1 (check that its folder exists and is writable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot be encoded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: %2 (is the disk full?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source># Datasheet

Exported by Sieve on %1.

</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal information: %1 regions redacted in %2 images (every region not rejected in review). Every file was re-encoded from its pixels: no EXIF, GPS or embedded thumbnail remains.%3

</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> File names are derived from the content, not the original names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>## Images per category

| category | train | validation | test |
|---|---|---|---|
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
## Images per country

| country | images |
|---|---|
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
## Left out

| reason | images |
|---|---|
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
## Scans run on the project

%1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot rename %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>duplicate group: kept %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images chosen: %1.

</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 images (checksums in %7); %2 left out (see exclusions.csv). Split train/validation/test %3/%4/%5 %, stratified by label, seed %6.

</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::imaging</name>
    <message>
        <source>claims %1 x %2 pixels (%3 megapixels), over the limit of %4 megapixels; not decoded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty file (0 bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a JPEG, PNG, WebP or TIFF image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>truncated %1 file (the end of the image data is missing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>damaged %1 header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>damaged %1 header (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Making thumbnails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>image of %1 x %2 pixels is over the size limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot be decoded: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ingest</name>
    <message>
        <source>line %1: the quote opened on line %2 is not closed within 1 MiB; line %1 was read with its quotes as plain text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1 is longer than 1 MiB; skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: the quote opened on line %2 is never closed; line %1 was read with its quotes as plain text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: the quote opened on line %2 closes on line %3 and is followed by more text, so a quote is probably missing; line %1 was read with its quotes as plain text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file of %1 MB is larger than the 1 GB limit for an image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be read (permission denied).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The metadata file %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking for missing files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not valid JSON (%1 at character %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no label column (name one “label” or “category”).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 line %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 line %2: “%3” matches several images; give its folder too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 line %2: “%3” is a duplicate copy; label the original image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 line %2: no image at “%3”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 line %2: unknown category “%3” (use --create-categories to add it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set labels from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: no imported image at “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: the file name “%2” matches several images; give its folder too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: label “%2”: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: column %2 has no name; it is called &quot;%3&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: the column name &quot;%2&quot; appears more than once; column %3 is called &quot;%4&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: not valid UTF-8; read as Latin-1 (check the file&apos;s encoding)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds a JSON array, not JSON lines. Sieve reads one JSON object per line (.jsonl); convert the file, for example with: jq -c &apos;.[]&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a JSON-lines file: each line should be a JSON object, starting with &quot;{&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not start with a header line: its first line is longer than 1 MiB. Is it a CSV file?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no header line: it holds only blank lines.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first line of %1 looks like data (&quot;%2&quot;), not a header. Add a first line naming the columns, for example &quot;path,label&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no column naming the images. Call it one of: %2 (the columns found are: %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a JSON-lines file: none of its first %2 lines is a JSON object on a line of its own. (A pretty-printed JSON file spreads each object over many lines; write one object per line.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no key naming the images in its first %2 objects. Call it one of: %3 (the keys found are: %4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1 has %2 fields but the header has %3; the extra fields were ignored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: no path; row skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: %2; line skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a JPEG image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a PNG image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a GIF image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a WebP image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an HEIC image or a video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a TIFF image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a PDF document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a gzip archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a SQLite database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading %1 failed: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is encoded as UTF-32, which Sieve does not read. Save it as UTF-8 and choose it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a spreadsheet workbook (.xlsx or .ods) or a ZIP archive, not a CSV file. Save it as &quot;CSV UTF-8&quot; (in Excel: File &gt; Save As) and choose that file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is an Excel 97-2003 workbook (.xls), not a CSV file. Save it as &quot;CSV UTF-8&quot; (in Excel: File &gt; Save As) and choose that file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a text file (it looks like %2). Choose the CSV or JSON-lines file that describes the images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a text file (it holds binary data). Choose the CSV or JSON-lines file that describes the images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>folder cannot be read (permission denied); its images were not imported</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::jobs</name>
    <message>
        <source>The process running this job stopped before it finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… and %1 more, all kept in the project.
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::pii</name>
    <message>
        <source>The PII lexicon %1 is not valid JSON: %2.</source>
        <translation>Le lexique de données personnelles %1 n’est pas un JSON valide : %2.</translation>
    </message>
    <message>
        <source>The PII lexicon %1 has no &quot;words&quot; array.</source>
        <translation>Le lexique de données personnelles %1 n’a pas de tableau « words ».</translation>
    </message>
    <message>
        <source>The PII lexicon %1 has an entry without &quot;text&quot;.</source>
        <translation>Le lexique de données personnelles %1 a une entrée sans « text ».</translation>
    </message>
    <message>
        <source>The PII lexicon %1 gives &quot;%2&quot; the unknown type &quot;%3&quot;; use name, phone, email, address or national_id.</source>
        <translation>Le lexique de données personnelles %1 donne à « %2 » le type inconnu « %3 » ; utilisez name, phone, email, address ou national_id.</translation>
    </message>
    <message>
        <source>Cannot read the PII lexicon %1: %2.</source>
        <translation>Impossible de lire le lexique de données personnelles %1 : %2.</translation>
    </message>
    <message>
        <source>mobile</source>
        <translation>mobile</translation>
    </message>
    <message>
        <source>landline</source>
        <translation>fixe</translation>
    </message>
    <message>
        <source>landline or mobile</source>
        <translation>fixe ou mobile</translation>
    </message>
    <message>
        <source>toll-free</source>
        <translation>numéro gratuit</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>téléphone</translation>
    </message>
    <message>
        <source>lexicon: %1</source>
        <translation>lexique : %1</translation>
    </message>
    <message>
        <source>%1 (nothing readable next to it)</source>
        <translation>%1 (rien de lisible à côté)</translation>
    </message>
    <message>
        <source>No OCR language is installed in %1 (not even English). Install one with apt-get install tesseract-ocr-eng, or set TESSDATA_PREFIX to the folder holding the .traineddata files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EXIF: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for personal information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The face detector&apos;s cascade %1 is missing. Install it with apt-get install opencv-data, or set SIEVE_CASCADE_DIR to the folder holding OpenCV&apos;s Haar cascades.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The face detector&apos;s cascade %1 cannot be read (damaged?). Reinstall it with apt-get install --reinstall opencv-data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face detection failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face detection failed: out of memory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for faces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>next to contact details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the list of given names %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starts with a given name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::scan</name>
    <message>
        <source>Measuring image quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading perceptual hashes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grouping duplicates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording duplicate groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>identical to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>near duplicate of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worker threads (default: one per core).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quality: %1 images scanned, %2 with defects (%3), %4 could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicates: %1 groups holding %2 images (%3 of identical images) among %4 hashed images; %5 byte-identical copies recorded at import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled. What was scanned is kept; run the same command again to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OCR languages for pii, joined with + (default: %1; packs that are not installed are left out).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OCR languages not installed, left out: %1 (apt-get install tesseract-ocr-&lt;code&gt;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PII: %1 images scanned (%2 without text skipped, %3 read with OCR in %4), %5 with personal information (%6 by EXIF); regions: %7; %8 could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scans a project&apos;s images. quality: sharpness, exposure, contrast and size of every image not yet measured, with a perceptual hash; images with defects get a suggested quality flag. duplicates: groups identical and near-identical images (run quality first) and suggests a duplicate flag on all but the best of each group. pii: reads the text of images that look like they hold some (OCR) and marks phone numbers, e-mail addresses, card and ID numbers, names and addresses as regions to review; EXIF GPS and serial numbers count too; images with any get a suggested pii flag. faces: finds people&apos;s faces (OpenCV cascades, frontal and profile) as regions to review; images with faces get a suggested pii flag too. all: all four. Flags you set or dismissed are never changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>quality, duplicates, pii, faces or all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WHAT must be quality, duplicates, pii, faces or all, not “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Faces: %1 images scanned, %2 with faces, %3 face regions to review; %4 could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read every photo with all the OCR languages, not only those of its country attribute (slower; for projects whose country attributes are unreliable).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::store</name>
    <message>
        <source>A category needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category names are limited to 200 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A category named “%1” exists already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A category named “%1” exists already; merge the two instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename category to “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a valid colour.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change a category&apos;s colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive a category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore a category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A category cannot be merged into itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Both categories must exist to merge them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge “%1” into “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is too large for a taxonomy (over 16 MB).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not valid UTF-8; it was read as Latin-1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: %2 Skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: “%2” is not a colour; the default was used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The item to change no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unreviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Poor quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Label %n image(s) as “%1”</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove the label of %n image(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Accept %n image(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reject %n image(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Mark %n image(s) unreviewed</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Unknown flag “%1” (known: %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Flag %n image(s) as %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Clear the %1 flag of %n image(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>A %1 change needs an image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A flag change needs an image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown field “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(unlabeled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already holds a Sieve project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the project folder %1 (check that the parent exists and is writable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not exist or is not a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a Sieve project (it has no %2). Create one with &quot;sieve-cli init&quot; or File &gt; New Project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was written by a newer version of Sieve (schema version %2; this version understands up to %3). Open it with a newer Sieve; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Dismiss the %1 suggestion for %n image(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Region %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Accept %n region(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reject %n region(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reopen %n region(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>A region needs a box of at least 2 × 2 pixels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move a region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a region decision.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a box.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Accept %n region(s) at confidence %1 % or more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” is not a type of personal information (known: %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw a region (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region %1 was found by a scan: reject it instead of removing it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove a drawn region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark a region as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2 at %3, %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bank account (IBAN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Licence plate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undecided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A view needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>View names are limited to 100 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A view named “%1” exists already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The view no longer exists (was it deleted?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A model needs a name and a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Model &quot;%1&quot; has %n class(es); a classifier needs at least two.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>There is no model %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A training run needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no training run %1 in this project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 is still running; cancel it before deleting it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A label check needs an image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not checked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>label “%1” kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” does not name the label that was kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image %1 has no label to keep (it is unlabelled or does not exist).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the label “%1” of 1 image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worker %1 needs its token (the content of its --token-file).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worker %1: a client certificate needs its key, and a key its certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project has worker %1 already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a worker address: write HOST:PORT (e.g. 10.0.0.5:50051, [fe80::1]:50051), the address the worker&apos;s --listen names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no worker %1 in this project.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::train</name>
    <message>
        <source>%1: cannot write the checkpoint: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot read the checkpoint: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the checkpoint is damaged (%2); resume from another run or start again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not a Sieve checkpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the checkpoint was written by a newer Sieve (version %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its size does not match its header: truncated?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its checksum does not match its content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its header is not valid JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the project has no view named “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classifying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding label issues needs at least two classes (%1 given).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding label issues: %1 probabilities for %2 images of %3 classes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding label issues: image %1 has label %2, outside 0..%3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding label issues: a probability is not a finite number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selecting images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No labelled image of %1 has one of the model&apos;s classes (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>view “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot create the TensorBoard event file: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot be written: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cross-validation: %1 feature values for %2 images of %3 features.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cross-validation with %1 folds needs at least %2 images (%3 given).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cross-validating the classifier head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cross-validation: the head takes %1 features into %2 classes, not %3 into %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cross-validation: the head&apos;s training diverged (loss %1 in fold %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enough memory for the image cache (%1 MiB).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot create the image cache file (%2 MiB): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot map the image cache file: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decoding images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the model takes %1-channel images of %2 × %3 pixels; Sieve classifies with models that take square colour images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an image tensor has %1 values where the network takes %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: image of %2 x %3 pixels is over the size limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot be decoded: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model %1 cannot be cross-validated: its classifier head cannot be separated (%2). Rank without folds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fewer than two of model %1&apos;s classes have labelled images in this project; there is nothing to compare the labels with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing backbone features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing class probabilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>class %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a Caffe weights file; give the network definition (.prototxt) as the model and the weights as its weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs its network definition: found neither %2 nor deploy.prototxt beside it; give the .prototxt as the model and the .caffemodel as its weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a Caffe network definition; give its trained weights (.caffemodel) too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no such file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>separate weights are for Caffe models only (%1 is not a .prototxt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: line %2 is empty; give one class name per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 class names given for a model with %2 outputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: unknown pretrained model format “.%2”; use a .sievemodel, .onnx or .caffemodel file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create the folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the project has no model %1 (see: sieve-cli models)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no training run %1 in this project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 has finished; there is nothing to resume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 The run goes on; its metrics are kept in the project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown model “%1”; choose one of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head-only training needs pretrained weights (--pretrained FILE).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number of epochs must be 1 to 100000, not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The batch size must be 1 to 4096, not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The learning rate must be 0 (the default) or more, at most 10, not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The weight decay must be below 1, not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown optimizer “%1”; choose sgd or adamw.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The warm-up must be 0 steps or more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gradient clipping norm must be 0 (off) or more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The validation fraction must be above 0 and below 1, not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The minimum number of images per class must be at least 2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The input size must be 16 to 1024 pixels, not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GoogLeNet takes 224-pixel input only, not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The early-stopping patience must be 0 (off) or more epochs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Early stopping watches val/top1 or val/loss, not “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This processor has no bf16 arithmetic (AVX-512 BF16 or AMX); train in fp32.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch %1/%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The training diverged: the loss is %1 at step %2. Try a lower learning rate (--lr), a warm-up (--warmup) or gradient clipping (--clip-norm).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · loss %1 · acc %2% · %3 img/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head-only training cannot split model “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: is damaged: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the checkpoint does not fit this run&apos;s network (%2 parameters, %3 expected).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot create the run&apos;s folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 is being trained by another process; stop it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the optimizer state does not fit this run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No training or no validation image could be read (%1 unreadable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot create the models folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no saved view named “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class “%1” has %2 labelled images, fewer than the minimum of %3; left out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class “%1” has %2 labelled images: too few for both a training and a validation image; left out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training needs at least two classes with at least %1 labelled images each; %2 found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 takes three numbers separated by commas (red, green, blue; pixels in 0..1)%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, each above 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class names, one per line in output order, for a model that has none (ONNX, Caffe).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per-channel mean to subtract, red,green,blue on pixels scaled to 0..1 (default: the model&apos;s; ONNX: ImageNet&apos;s 0.485,0.456,0.406; Caffe: 123,117,104 / 255).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per-channel standard deviation to divide by, as --mean (default: the model&apos;s; ONNX: ImageNet&apos;s 0.229,0.224,0.225; Caffe: 1/255).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classifies image files with a model: a .sievemodel, an ONNX file, or a Caffe model (--model deploy.prototxt --weights net.caffemodel, or --model net.caffemodel with net.prototxt or deploy.prototxt beside it). Prints the most probable classes of each image. Images are resized so their shorter side is 256 pixels and the centre cropped to the network&apos;s input, except images already of the input size. An image that cannot be read is reported and the others still classified (exit code 4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model file (required).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Caffe model&apos;s .caffemodel, when --model is its .prototxt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many classes to show per image (default 5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threads (default: one per core).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--model is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--top takes a number of at least 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classifies a project&apos;s images with a model and stores each image&apos;s five most probable classes as its predictions. --model is a model of the project (its id, see sieve-cli models) or a model file (.sievemodel, .onnx, or a Caffe .prototxt with --weights, or a .caffemodel with its .prototxt beside it), which is first copied into the project&apos;s models/ folder as an imported model. Images already classified by the model are skipped, so an interrupted run continues where it stopped. Images that cannot be read are reported (exit code 4) and retried next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A model id of the project or a model file (required).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classify only the images of this saved view.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images per network run (default 32).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threads, decoding and network together (default: one per core).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--batch takes a number from 1 to 1024.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--classes, --mean and --std apply when a model file is imported, not to model %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model %1: %2 (%3, %4 classes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classified %1 of %2 images with model %3 (%4 images/s); %5 could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled. The predictions made are kept; run the same command again to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lists the project&apos;s models, trained and imported, newest first: id, name, architecture, number of classes, origin, metrics and when it was added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No models yet: train one, or import one with sieve-cli classify --model FILE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>architecture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ranks the labelled images that a model confidently puts in another class (confident learning: per-class confidence thresholds), most surely mislabeled first, and estimates the share of wrong labels per category. Images without the model&apos;s predictions are classified first. The scores are stored with the model&apos;s predictions for the review queue. Without --folds the model&apos;s own probabilities are used, which are weaker for images it trained on (it has learnt their labels); --folds K trains K classifier heads on the model&apos;s backbone features, each predicting the images it did not see.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A model id of the project (required; see sieve-cli models).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out-of-sample probabilities by K-fold cross-validation of the model&apos;s head (K from 2 to 20; 5 is a good choice).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show at most N images (default 50; 0: all).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--model takes the id of one of the project&apos;s models.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--folds takes a number from 2 to 20.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--limit takes a number of at least 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled; no scores were stored. Run the same command again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 likely mislabeled of %2 labelled images (model %3, %4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>out-of-sample, %1-fold cross-validation of the head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in-sample probabilities; --folds 5 is more reliable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>suggested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimated label noise per category:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  %1  %2 %  (about %3 of %4 images)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 images are labelled with categories the model does not know; they are not ranked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 must be a whole number from %2 to %3, not “%4”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 must be a number %2 %3 and at most %4, not “%5”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trains an image classifier on the project&apos;s labelled images (of a saved view, or all), on this machine. A stratified share of each class is held out for validation; classes with too few images are left out and named. Every step&apos;s loss, accuracy, learning rate, speed and data-wait share and every epoch&apos;s validation results are recorded for the training charts; a checkpoint is written after every epoch. The best epoch&apos;s model is saved in the project&apos;s models/ folder. Ctrl+C stops at the next step; --resume RUN_ID continues from the last completed epoch exactly as if it had not stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Architecture: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start from this model (.onnx, .caffemodel with its .prototxt beside it, or .sievemodel); its classifier is replaced by one for the project&apos;s classes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --pretrained: train only the new classifier on backbone features computed once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passes over the training images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images per step (default 32).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base learning rate (default: sgd 0.05, 0.01 for googlenet and --pretrained; adamw 0.001).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sgd (momentum 0.9, the default) or adamw.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning-rate schedule: constant, step (÷10 at each third) or cosine (the default).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps of linear learning-rate warm-up (default 0).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clip the gradients&apos; global norm to this (default: no clipping).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train on the images of this saved view (default: all images).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of each class held out for validation (default 0.2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classes with fewer labelled images are left out (default 5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed of the split, initial weights, shuffling and augmentation (default 1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input pixels (default: 32 for smallcnn, else 224).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine threads (default: one per core).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue run RUN_ID from its last checkpoint, with its own settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop after this many epochs without a better validation result.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What --early-stop and the saved best epoch go by: top1 (the default) or loss.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arithmetic precision: fp32, bf16 (about twice as fast where the processor has AVX-512 BF16 or AMX), or auto (the default: bf16 where available).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--resume must be a run number, not “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 cannot be combined with --resume: a resumed run keeps its own settings (only --threads may differ).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--model is required (one of %1), or --pretrained FILE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--epochs is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--model must be one of %1, not “%2”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--optimizer must be sgd or adamw, not “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--schedule must be constant, step or cosine, not “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--early-stop-on must be top1 or loss, not “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1: %2 classes, %3 training and %4 validation images; epochs done: %5 of %6 (%7 steps)%8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, stopped early</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation: top-1 %1, top-5 %2, loss %3 (last epoch); best top-1 %4 at epoch %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed: %1 images/s; waiting for data %2 of the time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled after epoch %1. Continue with: sieve-cli train %2 --resume %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluates a model on the project&apos;s labelled images (of a saved view, or all): top-1 and top-5 accuracy, loss, and per-class precision and recall. Images labelled with a category the model does not know are counted and skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model file (.sievemodel).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate on the images of this saved view (default: all images).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--model FILE.sievemodel is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 images evaluated: top-1 %2, top-5 %3, loss %4. Skipped: %5 with a label the model does not know, %6 unreadable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  %1: precision %2, recall %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training needs at least two categories; only one was chosen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train on a saved view or on a filter, not both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>filtered images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight decay: L2 for sgd (default 0.0005), decoupled for adamw (default 0.01); 0: none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 goes with --workers.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::CategoryManager</name>
    <message>
        <source>Categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour of “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge Into…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Move the %n image(s) of “%1” into:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Archive / Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pin / Unpin Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pin to a key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All ten keys are taken; unpin a category first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import Taxonomy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taxonomy file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category lists (*.csv *.txt *.tsv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>merged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>archived</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::CategoryPalette</name>
    <message>
        <source>Set label</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Label %n selected image(s) as:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Type to search categories…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create category “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove label</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::ChartView</name>
    <message>
        <source>Wheel: zoom the steps (Shift: the values) · drag: pan · double click: reset</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::ClassifyDialog</name>
    <message>
        <source>Classify All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model&apos;s five most probable classes are stored for each image, shown on the thumbnails and in the inspector, and can be filtered by. Images the model has already classified are skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predictions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import Model File…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A .sievemodel, an ONNX file, or a Caffe model (.prototxt and .caffemodel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All images (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The images of the current filter (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)
Classes: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trained</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project has no model yet: train one (Model &gt; New Training Run) or import a model file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models (*.sievemodel *.onnx *.prototxt *.caffemodel);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Caffe model&apos;s weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caffe weights (*.caffemodel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class names, one per line (Cancel: “class 0”, “class 1”, …)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::ClusterMonitor</name>
    <message>
        <source>checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not answering</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::ClusterPanel</name>
    <message>
        <source>token refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>other protocol version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not reachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not answering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cores · ISA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add Worker…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start &lt;tt&gt;sieve-worker&lt;/tt&gt; on each node (see the README), then add it here. New Training Run… trains on the workers you tick.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (local)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n core(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n thread(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source> (bf16)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Runnable processes, 1-minute average, on %n core(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s), %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>run %1, rank %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No workers yet. Add the nodes that run sieve-worker, or train on a local cluster from New Training Run….</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n worker(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 answering, %2 cores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; training at %1 images/s in all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove Worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1 from this project? The worker keeps running; its cache stays on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>job %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token or TLS file problem</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::ConfusionMatrixView</name>
    <message>
        <source>True</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No validation results for this run yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 images of “%2” predicted as “%3”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::ConfusionPage</name>
    <message>
        <source>Epoch 000 of 000 (step 0000000)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Precision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 · %2&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch %1 of %2 (step %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows: the true class; columns: the prediction; shade: share of the row. Click a cell to show its validation images in the gallery.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::DuplicateGroupsDialog</name>
    <message>
        <source>Flag the Others as Duplicates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate Groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flag every image of this group except the one chosen to keep (D in the grid does the same per image).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 images · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 byte-identical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>near duplicates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No duplicate groups. Run Scan &gt; Scan Image Quality, then Scan &gt; Find Duplicates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing the first %1 of %2 groups.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep (suggested)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>identical bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>near, %1 bits apart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>flagged as duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot be shown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::ExportDialog</name>
    <message>
        <source>Only images accepted in review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the original file names (they may identify people)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export a Cleaned Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One folder per split and category (ImageFolder)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Split:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pixelate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Black box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redaction:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New folder for the export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a new or empty folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not empty; an export needs a new or empty folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train and validation together cannot exceed 1 (the rest is the test set).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One image per duplicate group (the suggested keeper where you have not chosen)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave out images flagged as poor quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected, unlabeled and missing images, and those the options below leave out, are listed in exclusions.csv. Personal information is redacted in every region you did not reject; every file is re-encoded, so no EXIF or GPS survives.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All images of the project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The images the gallery shows now (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved view: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a filter as a view with View &gt; Save View…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Groups found by Scan &gt; Find Duplicates that you have not reviewed keep only the image the scan suggests (most pixels, then largest file); the others are listed in exclusions.csv.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flat: all images in one folder, described by the manifest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (manifest.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON lines (manifest.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every exported file with its split, label, country and SHA-256 checksum.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manifest:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the gallery&apos;s filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>saved view “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all images of the project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, accepted in review only</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::FacetPanel</name>
    <message>
        <source>Search paths and metadata…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(unlabeled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No flag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing on disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggested by scans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regions to review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved views</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click to show this view; right-click to rename or delete it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>View &gt; Save View… keeps these filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model predictions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disagrees with label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labelled images the model puts in another category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predicted as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images the model predicts as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run %1 “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation of run %1, epoch %2:
“%3” predicted as “%4”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The validation images of %1 at epoch %2 whose label is “%3” and that the model predicted as “%4” (from the training monitor&apos;s confusion matrix). Other filters narrow these further.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::FilterChip</name>
    <message>
        <source>Remove this filter</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::GalleryDelegate</name>
    <message>
        <source>File missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot be shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unlabeled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::HyperParameterTable</name>
    <message>
        <source>final train/loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>final val/loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>final val/top1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>final val/top5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>best val/top1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alike in every run: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::ImageListModel</name>
    <message>
        <source>(unlabeled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predicted: %1 (%2 %)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::ImageViewer</name>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drawing regions: drag over personal information (B or Esc to stop)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n region(s) (Tab, Y accept, N reject, drag to move, B draw, R redaction preview)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>B or Shift+drag draws a region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Accept (redact)	Y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reject (not personal)	N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undecided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;move	Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Draw Regions	B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redaction &amp;Preview	R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fit to Window	F</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Actual Pixels	Z</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::ImportDialog</name>
    <message>
        <source>Import Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sieve imports every JPEG, PNG, WebP and TIFF image in the folder and its subfolders. Images are referenced where they are, never copied or changed. Importing the same folder again adds new files and finds moved ones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder of images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional: CSV or JSON lines with path, label, country, …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata (*.csv *.tsv *.jsonl *.ndjson *.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::InspectorPanel</name>
    <message numerus="yes">
        <source>&lt;p style=&apos;color:gray&apos;&gt;%n images selected. Number keys, A, X and the flag keys apply to all of them.&lt;/p&gt;</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:gray&apos;&gt;Select an image to see its details and history.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pixels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file missing on disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unlabeled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Claimed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EXIF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lens serial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Artist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copyright</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Software</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identical copies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No changes yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported with the label “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>confirm with its key, Shift+key dismisses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharpness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brightness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contrast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark pixels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bright pixels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Defects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicates (this one is suggested to keep)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prediction · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not classified by this model yet (Model &gt; Classify All…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model disagrees with the label.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>label</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::JobHistoryModel</name>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thumbnails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quality scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal information scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (and %2 more)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::JobHistoryView</name>
    <message>
        <source>Details…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the selected job did and the items it had problems with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Job %1, started %2%3.&lt;br&gt;%4 of %5 items done.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, ended %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Parameters: %1&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Error: %1&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;The problems of this job cannot be read: %1&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;%1 items had problems; they are listed under Show Details and kept in the project.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;No problems with single items were recorded.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (job %2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::JobsPanel</name>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · %1 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some items had problems; they were skipped and are kept in the project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every job of the project: also those run by sieve-cli and those interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No jobs started in this window yet. Imports, thumbnails, scans and exports show their progress here; All Jobs lists the project&apos;s earlier ones.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::LabelIssueActions</name>
    <message>
        <source>Likely &amp;Mislabeled…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank the labelled images a model confidently puts in another class, and review them with the keyboard.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::LabelIssueJob</name>
    <message>
        <source>Find likely mislabeled (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled; the queue was left as it was.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 likely mislabeled of %2 labelled images (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1-fold cross-validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in-sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; %1 with labels the model does not know</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::LabelIssueModel</name>
    <message>
        <source>Cannot be shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How surely the model takes the label for wrong: (1 + p(suggested) − p(label)) / 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label (p)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggested (p)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::LabelIssueRankingBar</name>
    <message>
        <source>The model&apos;s own probabilities (fast)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cross-validated, folds:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find Likely Mislabeled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uses the model&apos;s probabilities on every image. It has learnt the labels of the images it trained on, wrong ones included, so it finds fewer of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trains one classifier head per fold on the model&apos;s features, each judging only images it did not learn from: slower, and finds more wrong labels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cross-validation is slower (it trains a classifier head per fold) and finds more: the model&apos;s own probabilities agree with wrong labels it has learnt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 classes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding likely mislabeled images failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::LabelIssueWindow</name>
    <message>
        <source>Accept Suggestion (Y)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep Label (N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Likely Mislabeled — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Noise per Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relabel the image with the model&apos;s suggestion (undo: Ctrl+Z).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The label is right: record that and take the image out of the queue for good.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decide later: go to the next image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>↑/↓ move · Ctrl+Z undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No models yet: train one (Train &gt; New Training Run…) or import one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank the images with this model to estimate how many labels are wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &lt;b&gt;%1&lt;/b&gt; of the %2 ranked labels (%3) are estimated wrong, by confident learning on the model&apos;s last ranking. Categories with a high rate deserve a look at their images; click a header to sort.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ranked %1 with %2-fold cross-validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ranked %1 with the model&apos;s own probabilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not ranked with this model yet: choose how and press Find Likely Mislabeled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; to review · &lt;b&gt;%2&lt;/b&gt; relabelled as suggested · &lt;b&gt;%3&lt;/b&gt; labels kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing left to review for this model: every image it flagged is decided.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Find Likely Mislabeled to rank the labelled images with this model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model to rank with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labelled &lt;b&gt;%1&lt;/b&gt; (p %2) · the model suggests &lt;b&gt;%3&lt;/b&gt; (p %4) · score %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model&apos;s class “%1” is not an active category of this project (the model was imported, or the category was renamed or archived), so the suggestion cannot be applied. Add the category in Label &gt; Categories…, or keep the label (N).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>likely mislabeled: model %1 suggests “%2” (p=%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>label checked: model %1 suggested “%2” (p=%3)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::LabelNoiseTable</name>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimated wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Noise rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images labelled with the category whose true class is estimated to be another (confident learning).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimated wrong ÷ labelled. Red from 20 %.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of the %2 images the model was confident about are confidently another class.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::MainWindow</name>
    <message>
        <source>&lt;h2&gt;Sieve&lt;/h2&gt;&lt;p&gt;Open a project (Ctrl+O) or create one (Ctrl+N),&lt;br&gt;then import a folder of images — or drop the folder here.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Build &amp;Thumbnails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export Labels to CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Categories…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clear Filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Viewer / Back to Grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By Import Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By File Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By Resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By Review Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Descending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set Your &amp;Name…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edits are recorded in the audit trail under:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sort</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Sieve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Sieve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Sieve %1&lt;/b&gt;&lt;p&gt;A workbench for moderating crowdsourced image datasets: browse, relabel, flag personal information and export clean data. Offline: images never leave this machine.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — Sieve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sieve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>· %1 selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New project folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open project folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1 rows to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The import of %1 was interrupted (%2 of %3 files done).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan Image &amp;Quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find &amp;Duplicates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By Sharpness (blurriest first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review Duplicate &amp;Groups…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;PII Review Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept Regions Above Confidence…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept every undecided region detected with a confidence of at least (0–100):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By PII Confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find &amp;Personal Information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Cleaned &amp;Dataset…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find &amp;Faces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Training Monitor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Training Run…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By Model Confidence (least sure first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cluster &amp;Workers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::ModerationActions</name>
    <message>
        <source>Set &amp;Label…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;ject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark &amp;Unreviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flag &amp;Personal Information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flag Poor &amp;Quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flag &amp;Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flag &amp;Other…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flag as other</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Why are these %n image(s) flagged?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-&amp;Advance After Labelling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label as “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label key %1 (no category pinned)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss Suggested PII</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss Suggested Poor Quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss Suggested Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::NewRunDialog</name>
    <message>
        <source>New Training Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting the labelled images…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Categories (labelled images each):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum per category:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The share of each category&apos;s images kept aside to measure accuracy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation share:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fewer labelled images than the minimum per category: it would be left out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Architecture:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none: train from scratch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pretrained weights:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train the head only (backbone frozen)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fast: the pretrained network&apos;s features are computed once and only its classifier is trained. Needs pretrained weights.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fine-tuning:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cosine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>constant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warm-up:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Augmentation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>auto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fp32</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bf16</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This processor has no bf16 arithmetic (AVX-512 BF16 or AMX).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>auto (fp32 on this processor)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>auto (bf16 on this processor)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Precision:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one per core (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — 1 image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2 images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 categories have enough images (red: too few).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no file “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an .onnx, .caffemodel or .sievemodel file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head-only training needs a pretrained weights file; choose one or untick this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick at least two categories.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only %1 of the ticked categories has at least %2 labelled images; training needs two.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pretrained weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models (*.onnx *.caffemodel *.sievemodel);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping after %1 epochs without improvement can never happen in a run of %2 epochs; choose at most %3, or 0 (off).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The images shown in the gallery (current filter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gallery&apos;s filter as it is now, saved as a view or not; the run records it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The seed must be a whole number from 0 to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the model&apos;s (smallcnn 32, others 224)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The side of the square the images are scaled to. Larger sees more detail and trains slower.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optimization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SGD with momentum 0.9</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AdamW</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optimizer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default: SGD 0.05 from scratch, 0.01 for GoogLeNet and fine-tuning; AdamW 0.001.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default: SGD 0.0005 (L2), AdamW 0.01 (decoupled). 0: none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight decay:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop after this many epochs without a better validation result; the best epoch&apos;s model is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What early stopping and the saved best epoch go by.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Early stopping:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seeds the split, the initial weights, the shuffling and the augmentation: the same seed on the same images trains the same model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random crops, flips, colour jitter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A local cluster of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sieve-worker processes on this computer, the threads split between them: the cluster path end to end, without other machines.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> workers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worker nodes of this project:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank 0 is the first ticked worker; the others connect to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When a worker is lost, the run goes on from the last checkpoint on the workers left, at most this many times.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restarts after a lost worker:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No worker nodes yet: add them in Model &gt; Cluster Workers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>idle, %n core(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busy with job %1; a run needs idle workers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not answering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training only the classifier (head only) takes seconds and runs on this computer; choose “This computer”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick the workers to train on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Not answering: %1. Untick it, or start it (see the cluster view for why).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Busy with another job: %1. Untick it, or wait until it is idle.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>A batch of %1 images cannot be shared by %2 workers; make the batch at least %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 local workers on %2 threads: each worker needs a thread of its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>each epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>each epoch and every </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A restart after a lost worker continues from the last checkpoint: with long epochs, checkpoints every so many steps lose less work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoints:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::PredictionActions</name>
    <message>
        <source>Show Predictions &amp;Of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Classify All…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;Predictions on Thumbnails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (not run)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::PredictionFilterBox</name>
    <message>
        <source>Confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model whose predictions the gallery shows, filters and sorts by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only images whose top prediction is at least this sure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only images whose top prediction is at most this sure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (not run)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 · %2 · %n class(es) · %3</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sieve::ui::ProjectJobs</name>
    <message>
        <source>Import %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 new, %2 unchanged, %3 re-linked, %4 duplicates, %5 not imported, %6 missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thumbnails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 made, %2 cached, %3 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quality scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 images measured, %2 with defects, %3 could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 groups holding %2 images, %3 duplicates suggested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No perceptual hashes yet: run the quality scan first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal information scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 images scanned, %2 with personal information, %3 regions to review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (OCR languages not installed: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled after %1 images; export again into the same folder to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 images in %2, %3 left out, %4 regions redacted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 images scanned, %2 with faces, %3 face regions to review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 cancelled after %2 of %3 epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1: %2 epochs, best validation accuracy %3 % (epoch %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classify with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every image was already classified by this model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 images classified (%3 images/s), %4 could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Run %1 on %n worker(s): %2 epochs, best validation accuracy %3 % (epoch %4)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>, stopped early</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>; %n restart(s) after a lost worker</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>; %1 files sent, %2 already on the workers</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Train %1 on %n local worker(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Train %1 on %n worker(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Starting %n local worker(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sieve::ui::ProjectSession</name>
    <message>
        <source>Undo: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported %1 new categories (%2 existed already).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::RunListModel</name>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best val top-1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filtered images</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::RunMetricsSource</name>
    <message>
        <source>The run was deleted, but its folder %1 could not be removed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::RunRestart</name>
    <message>
        <source>restarts %1–%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restart %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: workers %2 → %3, from step %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 workers left, from step %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: from step %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::ScalarChart</name>
    <message>
        <source>Wall time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relative time (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:%1&apos;&gt;■&lt;/span&gt; %2: &lt;b&gt;%3&lt;/b&gt; (smoothed %4) at step %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:gray&apos;&gt;Point: read values · wheel: zoom (Shift: values) · drag: pan&lt;br&gt;double click: reset · right click: export image or CSV&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset Zoom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Image (PNG or SVG)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Data as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export chart data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrows, Home, End, PgUp, PgDn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move in the grid (Shift extends the selection)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+click, Shift+click, drag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select several images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter, double-click</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the image in the viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+wheel, Ctrl++ / Ctrl+-</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thumbnail size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right, Space / Left (viewer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next / previous image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F, Z, wheel, drag (viewer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escape (viewer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit, actual pixels, zoom, pan (drag an empty spot, or middle-drag)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tab / Shift+Tab, click (viewer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Y / N, right-click (viewer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept (redact) / reject the selected region; the menu also sets a drawn region&apos;s type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag a region, its edges or corners (viewer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move or resize it (Escape cancels the drag)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>B, Shift+drag (viewer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw a region over personal information (B toggles drawing mode)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete (viewer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove a drawn region (a detected one is rejected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R (viewer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redaction preview</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::TrainingActions</name>
    <message>
        <source>Resume run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 is being trained already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 is not being trained by this window. Stop it where it was started (sieve-cli: Ctrl+C).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::TrainingPanel</name>
    <message>
        <source>Loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data-wait share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configuration…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick runs to chart them together; the selected run&apos;s details are under Confusion.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confusion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relative time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset Zoom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smoothing:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Horizontal axis:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick a run in the list to chart it. Runs started with “sieve-cli train” appear here as they start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The runs ticked have written no metrics yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New name of run %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 is still running. Cancel it before deleting it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete run %1 “%2”, its metrics and its folder %3 with its checkpoints? Models it produced stay. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1: %2
Status: %3
Folder: %4
Started: %5
Finished: %6
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error: %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
Configuration:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
Summary:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 — configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Run…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the selected run after its current step; it keeps its last epoch&apos;s checkpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue the selected cancelled or failed run from its last completed epoch, exactly as if it had not stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model the selected run saved (its best epoch).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show in Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classify All With This Model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per worker: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>worker %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::ViewActions</name>
    <message>
        <source>Save &amp;View…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved &amp;Views</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the current filters and sort under a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none saved yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the current filters and sort as a view named:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A view named “%1” exists already. Replace it with the current filters and sort?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New name of the view “%1”:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A view named “%1” exists already; choose another name or delete that view first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the saved view “%1”? The images are not touched.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sieve::ui::WorkerDialog</name>
    <message>
        <source>%1: Sieve %2, %3 cores (%4 threads), %5%6, %7 of %8 free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> with bf16</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, busy with job %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Worker %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HOST:PORT, as the worker&apos;s --listen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional, e.g. “lab GPU box”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Type it in (kept in a file only you can read)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Type a new one (kept in a file only you can read)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the content of the worker&apos;s --token-file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>leave empty to keep the stored token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read it from a &amp;file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a file only you can read (chmod 600)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS (when the worker has --tls-cert)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA or self-signed certificate (PEM); empty: no TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate Authority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;CA:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only when the worker has --tls-ca</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client certificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its key, readable only by you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test &amp;Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A client certificate needs its key, and a key its certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A client certificate is for TLS: choose the CA to trust as well.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the worker&apos;s token (the content of its --token-file), or choose the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the file that holds the worker&apos;s token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking %1…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
