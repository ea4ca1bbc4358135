// Copy buttons beside the links just issued on the questionnaires page. Without JavaScript the buttons stay
// hidden and the links can be selected and copied from their read-only fields.
document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById(button.getAttribute("data-copy") + "-copied");
    if (!field || !navigator.clipboard) {
        return;
    }

    button.hidden = false;
    button.addEventListener("click", function () {
        navigator.clipboard.writeText(field.value).then(function () {
            if (status) {
                status.textContent = button.getAttribute("data-copied-text");
            }
        }, function () {
            field.select();
        });
    });
});

// The tracking table's "choose all" box: it ticks or clears every organisation shown. Without JavaScript it stays
// hidden, and each row's box is ticked on its own.
document.querySelectorAll("input[data-choose-all]").forEach(function (all) {
    var boxes = Array.prototype.slice.call(document.querySelectorAll(all.getAttribute("data-choose-all")));
    var wrapper = document.getElementById(all.id + "-wrapper");
    if (wrapper) {
        wrapper.hidden = false;
    }

    function reflect() {
        var checked = boxes.filter(function (box) { return box.checked; }).length;
        all.checked = checked === boxes.length && checked > 0;
        all.indeterminate = checked > 0 && checked < boxes.length;
    }

    all.addEventListener("change", function () {
        boxes.forEach(function (box) { box.checked = all.checked; });
        reflect();
    });
    boxes.forEach(function (box) { box.addEventListener("change", reflect); });
    reflect();
});
