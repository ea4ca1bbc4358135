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
