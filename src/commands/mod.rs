//! Commands: one file each. A command validates its arguments, does its work through `hsm`,
//! and returns a report; it never prints results itself.

mod agent;
pub mod certs;
mod client_key;
mod completions;
mod context;
mod createcert;
pub mod delete;
mod doctor;
pub mod export_pubkey;
mod export_ssh;
mod generatekey;
pub mod htl;
pub mod import_key;
pub mod info;
pub mod keygen;
pub mod list;
mod object_select;
mod pins;
mod random;
mod servers;
pub mod setattribute;
pub mod show;
mod sign_csr;
mod sign_ssh_cert;
mod signature;
pub mod slot_show;
pub mod slots;
mod test_key;
pub mod token;
mod token_select;
pub mod verify;
pub mod x509;

pub use context::Ctx;

use crate::cli::client::{ClientKeyCommand, HtlCommand};
use crate::cli::{Command, SlotCommand, TokenCommand};
use anyhow::{Context as _, Result};

/// Prints a report with the warnings the run collected on the way (login, name checks).
fn emit<R: crate::output::Report>(
    ctx: &Ctx,
    report: &mut R,
    format: crate::output::Format,
) -> std::io::Result<()> {
    crate::output::emit_with(report, ctx.take_warnings(), format)
}

/// Runs one parsed command to completion, printing its report.
pub fn dispatch(ctx: &Ctx, command: Command) -> Result<()> {
    let written = match command {
        Command::Slots(a) => {
            let mut r = slots::run(ctx)?;
            r.wide = a.wide;
            emit(ctx, &mut r, a.output.format())
        }
        Command::Slot(SlotCommand::Show(a)) => {
            let mut r = slot_show::run(ctx, &a)?;
            r.wide = a.wide;
            emit(ctx, &mut r, a.output.format())
        }
        Command::Info(a) => emit(ctx, &mut info::run(ctx)?, a.output.format()),
        Command::Token(TokenCommand::Init(a)) => {
            emit(ctx, &mut token::init::run(ctx, &a)?, a.output.format())
        }
        Command::Token(TokenCommand::SetPin(a)) => {
            emit(ctx, &mut token::set_pin::run(ctx, &a)?, a.output.format())
        }
        Command::Token(TokenCommand::InitPin(a)) => {
            emit(ctx, &mut token::init_pin::run(ctx, &a)?, a.output.format())
        }
        Command::Generatekeypair(a) => match a.count {
            Some(n) => {
                let mut report = keygen::run_batch(ctx, &a, n)?;
                emit(ctx, &mut report, a.output.format())
                    .context("cannot write to standard output")?;
                return report.outcome();
            }
            None => emit(ctx, &mut keygen::run(ctx, &a)?, a.output.format()),
        },
        Command::Generatekey(a) => emit(ctx, &mut generatekey::run(ctx, &a)?, a.output.format()),
        Command::ImportKey(a) => emit(ctx, &mut import_key::run(ctx, &a)?, a.output.format()),
        Command::Sign(a) => emit(ctx, &mut signature::run_sign(ctx, &a)?, a.output.format()),
        Command::VerifySignature(a) => {
            let mut report = signature::run_verify(ctx, &a)?;
            emit(ctx, &mut report, a.output.format()).context("cannot write to standard output")?;
            return report.outcome();
        }
        Command::TestKey(a) => {
            let mut report = test_key::run(ctx, &a)?;
            emit(ctx, &mut report, a.output.format()).context("cannot write to standard output")?;
            return report.outcome();
        }
        Command::Random(a) => emit(ctx, &mut random::run(ctx, &a)?, a.output.format()),
        Command::List(a) => emit(ctx, &mut list::run(ctx, &a)?, a.output.format()),
        Command::Show(a) => emit(ctx, &mut show::run(ctx, &a)?, a.output.format()),
        Command::Setattribute(a) => emit(ctx, &mut setattribute::run(ctx, &a)?, a.output.format()),
        Command::Delete(a) => emit(ctx, &mut delete::run(ctx, &a)?, a.output.format()),
        Command::ExportSshPubkey(a) => emit(ctx, &mut export_ssh::run(ctx, &a)?, a.output.format()),
        Command::ExportPubkey(a) => emit(
            ctx,
            &mut export_pubkey::run_export(ctx, &a)?,
            a.output.format(),
        ),
        Command::ConvertPubkey(a) => {
            emit(ctx, &mut export_pubkey::run_convert(&a)?, a.output.format())
        }
        Command::SignSshCert(a) => emit(ctx, &mut sign_ssh_cert::run(ctx, &a)?, a.output.format()),
        Command::RequestCert(a) => emit(ctx, &mut x509::run_request(ctx, &a)?, a.output.format()),
        Command::SelfsignCert(a) => emit(ctx, &mut x509::run_selfsign(ctx, &a)?, a.output.format()),
        Command::SignCsr(a) => emit(ctx, &mut sign_csr::run(ctx, &a)?, a.output.format()),
        Command::ImportCert(a) => emit(ctx, &mut certs::run_import(ctx, &a)?, a.output.format()),
        Command::ExportCert(a) => emit(ctx, &mut certs::run_export(ctx, &a)?, a.output.format()),
        Command::Doctor(a) => emit(ctx, &mut doctor::run(ctx, &a)?, a.output.format()),
        Command::Addserver(a) => emit(ctx, &mut servers::run_add(ctx, &a)?, a.output.format()),
        Command::Deleteserver(a) => {
            emit(ctx, &mut servers::run_delete(ctx, &a)?, a.output.format())
        }
        Command::Listservers(a) => emit(ctx, &mut servers::run_list(ctx, &a)?, a.output.format()),
        Command::Createcert(a) => emit(ctx, &mut createcert::run(ctx, &a)?, a.output.format()),
        Command::Verify(a) => {
            let mut report = verify::run(ctx, &a)?;
            emit(ctx, &mut report, a.output.format()).context("cannot write to standard output")?;
            return report.outcome();
        }
        Command::Htl(HtlCommand::Install(a)) => {
            emit(ctx, &mut htl::run_install(ctx, &a)?, a.output.format())
        }
        Command::Htl(HtlCommand::Show(a)) => {
            emit(ctx, &mut htl::run_show(ctx, &a)?, a.output.format())
        }
        Command::ClientKey(ClientKeyCommand::Show(a)) => {
            emit(ctx, &mut client_key::run_show(ctx, &a)?, a.output.format())
        }
        Command::ClientKey(ClientKeyCommand::Roll(a)) => {
            emit(ctx, &mut client_key::run_roll(ctx, &a)?, a.output.format())
        }
        Command::ClientKey(ClientKeyCommand::Backup(a)) => emit(
            ctx,
            &mut client_key::run_backup(ctx, &a)?,
            a.output.format(),
        ),
        Command::ClientKey(ClientKeyCommand::Export(a)) => emit(
            ctx,
            &mut client_key::run_export(ctx, &a)?,
            a.output.format(),
        ),
        Command::ClientKey(ClientKeyCommand::Restore(a)) => emit(
            ctx,
            &mut client_key::run_restore(ctx, &a)?,
            a.output.format(),
        ),
        Command::Completions(a) => completions::run(&a),
        Command::Agent(a) => return agent::run(ctx, *a),
    };
    written.context("cannot write to standard output")
}
