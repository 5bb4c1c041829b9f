// policydocs web: the only script. Copy a citation, switch the draft kind, follow an add job.
// Every page works without it (except the automatic progress update).
"use strict";

function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    return navigator.clipboard.writeText(text);
  }
  // http://<office IP> is no secure context: the old way still works there
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand("copy");
  document.body.removeChild(area);
  return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("button.copy");
  if (!button) return;
  copyText(button.dataset.copy).then(() => {
    button.textContent = "已复制";
    button.classList.add("done");
    setTimeout(() => { button.textContent = "复制引用"; button.classList.remove("done"); }, 1500);
  }, () => { button.textContent = "请手动复制"; });
});

document.querySelectorAll("form[data-autosubmit] select").forEach((select) => {
  select.addEventListener("change", () => select.form.submit());
});

const job = document.getElementById("job");
if (job && job.dataset.state === "running") {
  const poll = () => {
    fetch(job.dataset.statusUrl, { credentials: "same-origin" })
      .then((response) => response.json())
      .then((status) => {
        document.getElementById("job-seconds").textContent = status.seconds.toFixed(1);
        const stage = document.getElementById("job-stage");
        if (stage) stage.textContent = status.stage + (status.total > 1 ? `（${status.done}/${status.total}）` : "");
        if (status.state === "running") {
          setTimeout(poll, 1000);
        } else {
          window.location.reload();
        }
      })
      .catch(() => setTimeout(poll, 3000));
  };
  setTimeout(poll, 1000);
}
